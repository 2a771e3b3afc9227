using Portal.Client.Formatting;

namespace Portal.Client.Tests.Formatting;

public sealed class DiffMarkTests
{
    [Theory]
    [InlineData("added", "+", "diff-added")]
    [InlineData("removed", "-", "diff-removed")]
    [InlineData("Added", "+", "diff-added")]
    [InlineData("something", " ", "diff-same")]
    public void Of_ChangeWord_SignAndClass(string change, string sign, string css)
    {
        var mark = DiffMark.Of(change);

        Assert.Equal(sign, mark.Sign);
        Assert.Equal(css, mark.CssClass);
    }
}
