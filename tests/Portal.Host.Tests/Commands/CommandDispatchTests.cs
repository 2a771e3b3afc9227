using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Commands;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Core.Validation;
using Portal.Host.Commands;

namespace Portal.Host.Tests.Commands;

/// <summary>
/// Dispatch by command type: every command the contract defines has exactly one handler (found by reflection, so a new
/// command without one fails here), each handler's lock and prediction are the ones the agent has always used, an
/// unknown command is refused, and a refused run is rolled back newest step first, before the refusal is answered.
/// </summary>
public sealed class CommandDispatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Handlers_EveryAgentCommandSubtype_ExactlyOneHandler()
    {
        using var services = TestCommands.Services();
        var handlers = services.GetServices<ICommandHandler>().ToList();
        var commands = typeof(AgentCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(AgentCommand)) && !t.IsAbstract)
            .ToList();

        Assert.NotEmpty(commands);
        Assert.All(commands, command => Assert.Single(handlers, h => h.CommandType == command));
        Assert.All(handlers, h => Assert.Contains(h.CommandType, commands));
        Assert.Equal(commands.ToHashSet(), services.GetRequiredService<CommandDispatcher>().Handlers.Keys.ToHashSet());
    }

    [Fact]
    public void Constructor_TwoHandlersForOneCommand_Refused()
    {
        using var services = TestCommands.Services(s => s.AddSingleton<ICommandHandler, SecondDisconnectHandler>());
        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<CommandDispatcher>());
        Assert.Contains("two handlers for DisconnectCommand", error.Message);
    }

    public static TheoryData<AgentCommand, string[], bool> Locks() => new()
    {
        { new RecreateContainerCommand("client", [new LinkSpec("web", "web")], [], [], []), ["client"], false },
        { new ConnectCommand("appnet", "client", null, null), ["client"], false },
        { new DisconnectCommand("appnet", "client"), ["client"], false },
        { new CreateNetworkCommand("appnet", null, null, true, true, null), [], true },
        { new RemoveNetworkCommand("appnet"), [], false },
        { new ApplyPortalRulesCommand(new PortalRuleSet([], [])), [], true },
        { new RemoveStaleRulesCommand(["-A DOCKER -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"]), [], true },
    };

    [Theory]
    [MemberData(nameof(Locks))]
    public void Lock_EachCommand_ItsContainersAndTheHostGateForRuleWritesAndNetworkCreation(AgentCommand command, string[] containers, bool hostWide)
    {
        using var services = TestCommands.Services();
        var gates = services.GetRequiredService<CommandDispatcher>().Handlers[command.GetType()].Lock(command);
        Assert.Equal(containers, gates.Containers.Order());
        Assert.Equal(hostWide, gates.HostWide);
    }

    [Fact]
    public void Predict_RuleCommandsTheirRulesDockerCommandsNone()
    {
        using var services = TestCommands.Services();
        var handlers = services.GetRequiredService<CommandDispatcher>().Handlers;
        var rules = new PortalRuleSet([new PortalBridgePolicy("docker0", false)], []);
        const string stale = "-A DOCKER -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";

        Assert.Equal(
            rules.RuleTexts().Append(PortalRuleSet.JumpRule).ToHashSet(),
            handlers[typeof(ApplyPortalRulesCommand)].Predict(new ApplyPortalRulesCommand(rules)).ToHashSet());
        Assert.Equal([stale], handlers[typeof(RemoveStaleRulesCommand)].Predict(new RemoveStaleRulesCommand([stale])));
        Assert.Empty(handlers[typeof(ConnectCommand)].Predict(new ConnectCommand("appnet", "client", null, null)));
    }

    [Fact]
    public async Task ExecuteAsync_UnknownOrMissingCommand_400NamingCommand()
    {
        using var services = TestCommands.Services();
        var dispatcher = services.GetRequiredService<CommandDispatcher>();

        var unknown = await dispatcher.ExecuteAsync(new UnhandledCommand(), Ct);
        var missing = await dispatcher.ExecuteAsync(null, Ct);

        Assert.Equal((400, "command: unknown command UnhandledCommand"), (unknown.Status, unknown.Error));
        Assert.Equal((400, "command: missing"), (missing.Status, missing.Error));
    }

    [Fact]
    public async Task ExecuteAsync_RefusedAfterUndoableSteps_UndoneNewestFirstAndWindowCarriesLockAndPrediction()
    {
        var handler = new StepsThenRefusal();
        using var services = TestCommands.Services(s => s.AddSingleton<ICommandHandler>(handler));
        var dispatcher = services.GetRequiredService<CommandDispatcher>();

        var result = await dispatcher.ExecuteAsync(new UnhandledCommand { Intent = 9, User = "op" }, Ct);

        Assert.Equal((409, "starting web: port is already allocated"), (result.Status, result.Error));
        Assert.Equal(
            [
                "stopped web",
                "renamed web",
                "created web",
                "failed: starting web: port is already allocated",
                "failed: rollback step 'removed the new web': gone",
                "rolled back: renamed web back",
                "rolled back: started web",
            ],
            result.Steps);
        Assert.Equal(["remove new", "rename back", "start old"], handler.Undone);
        var window = Assert.Single(services.GetRequiredService<ActiveCommands>().Windows(DateTimeOffset.UtcNow));
        Assert.Equal((9L, "op"), (window.Intent, window.User));
        Assert.Equal(["web"], window.Containers);
        Assert.Equal(["-A X -j RETURN"], window.PredictedRules);
        Assert.NotNull(window.Finished);
    }

    [Fact]
    public async Task ExecuteAsync_RefusedBeforeAnyUndoableStep_StepsAsDoneNoRollback()
    {
        using var services = TestCommands.Services(s => s.AddSingleton<ICommandHandler>(new RefusedAtOnce()));
        var result = await services.GetRequiredService<CommandDispatcher>().ExecuteAsync(new UnhandledCommand(), Ct);

        Assert.Equal((404, "network appnet: not found"), (result.Status, result.Error));
        Assert.Equal(["looked"], result.Steps);
    }

    private sealed record UnhandledCommand : AgentCommand;

    private sealed class SecondDisconnectHandler : CommandHandler<DisconnectCommand>
    {
        public override ValidationErrors Validate(DisconnectCommand command) => new();

        public override Task<CommandResult> ExecuteAsync(DisconnectCommand command, CommandSteps steps, CancellationToken cancellationToken) =>
            Task.FromResult(CommandResult.Done(steps.All));
    }

    private sealed class RefusedAtOnce : CommandHandler<UnhandledCommand>
    {
        public override ValidationErrors Validate(UnhandledCommand command) => new();

        public override Task<CommandResult> ExecuteAsync(UnhandledCommand command, CommandSteps steps, CancellationToken cancellationToken)
        {
            steps.Done("looked");
            throw new CommandRefusal(404, "network appnet: not found");
        }
    }

    /// <summary>A recreate's shape: three undoable steps, then a refusal; one undo fails and the others still run.</summary>
    private sealed class StepsThenRefusal : CommandHandler<UnhandledCommand>
    {
        public List<string> Undone { get; } = [];

        public override ValidationErrors Validate(UnhandledCommand command) => new();

        public override CommandLock Lock(UnhandledCommand command) => CommandLock.Container("web");

        public override IReadOnlySet<string> Predict(UnhandledCommand command) => new HashSet<string> { "-A X -j RETURN" };

        public override Task<CommandResult> ExecuteAsync(UnhandledCommand command, CommandSteps steps, CancellationToken cancellationToken)
        {
            steps.Done("stopped web");
            steps.Undoable("started web", () => Record("start old"));
            steps.Done("renamed web");
            steps.Undoable("renamed web back", () => Record("rename back"));
            steps.Done("created web");
            steps.Undoable("removed the new web", async () =>
            {
                await Record("remove new");
                throw new IOException("gone");
            });
            throw new CommandRefusal(409, "starting web: port is already allocated");
        }

        private Task Record(string undo)
        {
            Undone.Add(undo);
            return Task.CompletedTask;
        }
    }
}
