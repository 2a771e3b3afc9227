using Portal.Contracts.Intents;

namespace Portal.Core.Reconcile;

/// <summary>An intent as the reconciler sees it: its id and what is wanted. Removed intents are not passed in.</summary>
public sealed record StoredIntent(long Id, IntentSpec Spec);
