using System.Globalization;

namespace Portal.FleetSim.Fleet;

/// <summary>The simulator's command line (see <see cref="Usage"/>).</summary>
public sealed record FleetOptions
{
    public const string Usage = """
        Portal.FleetSim: simulated agents and browsers against a Portal server (docs/scaling.md).

          --hosts N                 one stage of N hosts (default 1000)
          --ramp N1,N2,...          stages of growing fleets; stops after the first stage over --p95-limit
          --containers M            containers per host (default 50)
          --rules R                 iptables rules per host (default 500)
          --changes-per-minute C    changes per host per minute, spread evenly over the fleet (default 1)
          --browsers K              signed-in browsers on /hubs/live (default 10); host i is watched by browser i mod K
          --no-host-list            browsers do not also watch the host list ("*")
          --warmup S                seconds before a stage's window starts (default 20)
          --window S                seconds a stage is measured (default 120)
          --parallel P              hosts set up at once (default 16)
          --p95-limit MS            the change -> browser p95 a stage must hold (default 250)
          --servers URL[,URL]       existing servers (replicas: agents and browsers spread over them); without it the
                                    published server (--server-dll, default artifacts/server/Portal.Server.dll) is
                                    started on a fresh SQLite file at 127.0.0.1:--port (default 5099)
          --admin-user U --admin-password P   an admin of the existing servers (default admin)
          --bootstrap-password B    the admin's first password on fresh existing servers: changed to P first
          --pid PID[,PID]           server processes to sample (memory, CPU) when using --servers
        """;

    public IReadOnlyList<int> Stages { get; init; } = [1000];

    public int Containers { get; init; } = 50;

    public int Rules { get; init; } = 500;

    public double ChangesPerMinute { get; init; } = 1;

    public int Browsers { get; init; } = 10;

    public bool WatchHostList { get; init; } = true;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(120);

    public int Parallel { get; init; } = 16;

    public double P95LimitMs { get; init; } = 250;

    public IReadOnlyList<string> Servers { get; init; } = [];

    public string ServerDll { get; init; } = "artifacts/server/Portal.Server.dll";

    public int Port { get; init; } = 5099;

    public string AdminUser { get; init; } = "admin";

    public string? AdminPassword { get; init; }

    public string? BootstrapPassword { get; init; }

    public IReadOnlyList<int> Pids { get; init; } = [];

    /// <summary>The time between two changes of one host.</summary>
    public TimeSpan Period => TimeSpan.FromMinutes(1 / ChangesPerMinute);

    public static FleetOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FleetOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int() => int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} needs a positive number");
            options = name switch
            {
                "--hosts" => options with { Stages = [Int()] },
                "--ramp" => options with { Stages = [.. Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--containers" => options with { Containers = Int() },
                "--rules" => options with { Rules = Int() },
                "--changes-per-minute" => options with { ChangesPerMinute = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--browsers" => options with { Browsers = Int() },
                "--no-host-list" => options with { WatchHostList = false },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Int()) },
                "--window" => options with { Window = TimeSpan.FromSeconds(Int()) },
                "--parallel" => options with { Parallel = Int() },
                "--p95-limit" => options with { P95LimitMs = Int() },
                "--servers" => options with { Servers = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries)] },
                "--server-dll" => options with { ServerDll = Value() },
                "--port" => options with { Port = Int() },
                "--admin-user" => options with { AdminUser = Value() },
                "--admin-password" => options with { AdminPassword = Value() },
                "--bootstrap-password" => options with { BootstrapPassword = Value() },
                "--pid" => options with { Pids = [.. Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        if (options.ChangesPerMinute <= 0 || options.Stages.Count == 0 || options.Stages.Any(s => s <= 0))
        {
            throw new ArgumentException("--changes-per-minute and every stage must be positive");
        }

        return options;
    }
}
