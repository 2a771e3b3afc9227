using System.Reflection;
using System.Text;

namespace Portal.Host.Tests.Commands;

/// <summary>
/// The engine client's own (internal) JSON serializer, reached by reflection: what these tests read and write is
/// exactly what the agent receives from and sends to the daemon, converters for nanosecond durations included.
/// </summary>
public static class DockerWireJson
{
    private static readonly Type Serializer = typeof(global::Docker.DotNet.DockerClient).Assembly.GetType("Docker.DotNet.JsonSerializer", throwOnError: true)!;
    private static readonly object Instance = Serializer.GetProperty("Instance", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    public static T Deserialize<T>(string json)
    {
        var method = Serializer.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Single(m => m.Name == "Deserialize" && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(byte[]))
            .MakeGenericMethod(typeof(T));
        return (T)method.Invoke(Instance, [Encoding.UTF8.GetBytes(json)])!;
    }

    public static string Serialize<T>(T value)
    {
        var method = Serializer.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Single(m => m.Name == "Serialize" && m.IsGenericMethodDefinition)
            .MakeGenericMethod(typeof(T));
        return (string)method.Invoke(Instance, [value])!;
    }
}
