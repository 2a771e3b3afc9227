using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Contracts.Model;

/// <summary>The JSON conventions of the public contract: camelCase, nulls omitted.</summary>
public static class PortalJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = indented,
    };
}
