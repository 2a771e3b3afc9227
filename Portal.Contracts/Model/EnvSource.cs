namespace Portal.Contracts.Model;

/// <summary>Where an environment variable of a container comes from.</summary>
public static class EnvSource
{
    /// <summary>Set by the image (Config.Env of the image).</summary>
    public const string Image = "image";

    /// <summary>Given by whoever created the container (-e), or overriding the image's value.</summary>
    public const string User = "user";

    /// <summary>Computed by Docker from a legacy link at start.</summary>
    public const string Link = "link";
}
