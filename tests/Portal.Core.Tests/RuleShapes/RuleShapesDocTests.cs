using System.Text;
using Portal.Contracts.Wire;
using Portal.Core.RuleShapes;

namespace Portal.Core.Tests.RuleShapes;

/// <summary>docs/rule-shapes.md lists every Docker shape with its versions and owner, exactly as the catalogue has them.</summary>
public sealed class RuleShapesDocTests
{
    [Fact]
    public void Doc_ShapeTable_IsTheCatalogues()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rule-shapes.md")).ReplaceLineEndings("\n");

        var table = Table();

        Assert.True(doc.Contains(table, StringComparison.Ordinal), "docs/rule-shapes.md should hold this table:\n" + table);
    }

    /// <summary>One row per Docker shape in the matching order of <see cref="RuleShapeCatalogue.All"/>.</summary>
    internal static string Table()
    {
        var text = new StringBuilder();
        text.Append("| Shape | Table / chain | Rule (after `-A CHAIN`) | Docker versions | Owner kind |\n");
        text.Append("|---|---|---|---|---|\n");
        var docker = RuleShapeCatalogue.Docker.SelectMany(d => d.All).ToHashSet();
        foreach (var shape in RuleShapeCatalogue.All.Where(docker.Contains))
        {
            text.Append("| ").Append(shape.Name)
                .Append(" | ").Append(shape.Table).Append(" / ").Append(shape.Chain)
                .Append(" | `").Append(shape.Template).Append('`')
                .Append(" | ").Append(string.Join(", ", shape.Versions))
                .Append(" | ").Append(WireName.Of(shape.Kind))
                .Append(" |\n");
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no Portal.sln above " + AppContext.BaseDirectory);
    }
}
