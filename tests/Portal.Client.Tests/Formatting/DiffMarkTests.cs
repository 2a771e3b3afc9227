using Portal.Client.Formatting;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Formatting;

public sealed class DiffMarkTests
{
    [Theory]
    [InlineData(ChangeKind.Added, "+", "diff-added")]
    [InlineData(ChangeKind.Removed, "-", "diff-removed")]
    [InlineData(null, " ", "diff-same")]
    public void Of_Change_SignAndClass(ChangeKind? change, string sign, string css)
    {
        var mark = DiffMark.Of(change);

        Assert.Equal(sign, mark.Sign);
        Assert.Equal(css, mark.CssClass);
    }
}
