using Portal.FleetSim.Fleet;
using Portal.FleetSim.Server;

namespace Portal.FleetSim;

/// <summary>
/// Usage: dotnet run -c Release --project bench/Portal.FleetSim -- [options] (see <see cref="FleetOptions.Usage"/>).
/// No top-level statements: the server tests reference this project, and their <c>Program</c> is the server's.
/// </summary>
public static class FleetProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["browsers"])
        {
            return await Browsers.BrowserProcess.ServeAsync();
        }

        FleetOptions options;
        try
        {
            options = FleetOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(FleetOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        ServerProcess? started = null;
        try
        {
            IReadOnlyList<FleetEndpoint> endpoints;
            List<ProcessSampler> samplers;
            string password;
            if (options.Servers.Count == 0)
            {
                const string bootstrap = "fleet-bootstrap-password-1";
                password = "fleet-admin-password-1";
                started = await ServerProcess.StartAsync(options.ServerDll, options.Port, bootstrap, cancel.Token);
                Console.WriteLine($"server {started.Url} (pid {started.Pid}), database and log in {started.Folder}");
                await PortalSession.ChangeBootstrapPasswordAsync(started.Url, "admin", bootstrap, password, cancel.Token);
                endpoints = [new FleetEndpoint(started.Url)];
                samplers = [new ProcessSampler(started.Pid)];
            }
            else
            {
                password = options.AdminPassword ?? throw new ArgumentException("--servers needs --admin-password");
                endpoints = [.. options.Servers.Select(FleetEndpoint.Parse)];
                if (options.BootstrapPassword is { } first)
                {
                    await PortalSession.ChangeBootstrapPasswordAsync(endpoints[0].Server, options.AdminUser, first, password, cancel.Token);
                }
                samplers = [.. options.Pids.Select(p => new ProcessSampler(p))];
            }

            Console.WriteLine($"fleet: stages {string.Join(", ", options.Stages)} hosts x {options.Containers} containers x {options.Rules} rules, "
                + $"{options.ChangesPerMinute} change(s) per host per minute, {options.Browsers} browsers, {endpoints.Count} server(s), {Environment.ProcessorCount} cores, load {ProcessSampler.LoadAverage()}");
            using var admin = await PortalSession.SignInAsync(endpoints[0].Server, options.AdminUser, password, cancel.Token);
            var run = new FleetRun(options, endpoints, admin, "fleet-viewer-password-1", Console.Out);
            var results = await run.RunAsync(samplers, cancel.Token);
            Console.WriteLine();
            Console.WriteLine(StageResult.Header);
            foreach (var result in results)
            {
                Console.WriteLine(result.Row());
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            if (started is not null)
            {
                await started.DisposeAsync();
            }
        }
    }
}
