using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("linux")]

return await Portal.Host.Cli.CommandLine.RunAsync(args);
