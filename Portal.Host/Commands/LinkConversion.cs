namespace Portal.Host.Commands;

/// <summary>
/// Links as inspect shows them (<c>/web:/client/web</c>: child's name, then the parent's path to the alias) and as
/// create takes them (<c>web:web</c>: child name and alias).
/// </summary>
public static class LinkConversion
{
    /// <summary><c>/web:/client/web</c> -> <c>web:web</c>; a link already in create form is kept.</summary>
    public static string ToCreateForm(string inspected)
    {
        var colon = inspected.IndexOf(':');
        if (colon < 0)
        {
            // "web" alone means alias = name.
            var name = inspected.TrimStart('/');
            return $"{name}:{name}";
        }

        var target = inspected[..colon].TrimStart('/');
        var path = inspected[(colon + 1)..];
        var alias = path[(path.LastIndexOf('/') + 1)..];
        return $"{target}:{alias}";
    }

    public static string Alias(string createForm) => createForm[(createForm.IndexOf(':') + 1)..];

    public static string Target(string createForm) => createForm[..createForm.IndexOf(':')];
}
