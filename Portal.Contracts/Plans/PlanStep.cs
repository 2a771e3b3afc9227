namespace Portal.Contracts.Plans;

/// <summary>One step of a plan, in words, in the order the agent runs it.</summary>
public sealed record PlanStep(int Order, string Description);
