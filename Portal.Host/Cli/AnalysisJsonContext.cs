using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Core.Analysis;

namespace Portal.Host.Cli;

/// <summary>
/// The report <c>analyze</c> prints, as source-generated JSON (the agent is compiled natively, without reflection):
/// the API's conventions (camelCase, nulls omitted, closed sets as their wire strings), indented for a reader.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(AnalysisReport))]
internal sealed partial class AnalysisJsonContext : JsonSerializerContext;
