using Portal.Core.Intents;
using Portal.Core.Plans;

namespace Portal.Core.Api;

/// <summary>
/// The answer to a change request: the intent as stored (null for <c>?dryRun=true</c>) and the plan that was
/// (or would be) applied.
/// </summary>
public sealed record ChangeResponse(IntentView? Intent, Plan Plan);
