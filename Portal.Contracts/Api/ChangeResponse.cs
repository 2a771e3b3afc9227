using Portal.Contracts.Intents;
using Portal.Contracts.Plans;

namespace Portal.Contracts.Api;

/// <summary>
/// The answer to a change request: the intent as stored (null for <c>?dryRun=true</c>) and the plan that was
/// (or would be) applied.
/// </summary>
public sealed record ChangeResponse(IntentView? Intent, Plan Plan);
