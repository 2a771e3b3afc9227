using Portal.Server.Agents;
using Portal.Server.Api;
using Portal.Server.Audit;
using Portal.Server.Auth;
using Portal.Server.Changes;
using Portal.Server.Cluster;
using Portal.Server.Data;
using Portal.Server.Hosts;
using Portal.Server.Live;
using Portal.Server.Reconciling;
using Portal.Server.Secrets;
using Portal.Server.State;
using Portal.Server.Web;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));

// Order matters for start-up: the database is migrated before the admin is bootstrapped and the state loaded.
builder.AddPortalData();
builder.AddPortalAuth();
builder.AddPortalSecrets();
builder.AddPortalState();
builder.AddPortalHosts();
builder.AddPortalAgents();
builder.AddPortalLive();
builder.AddPortalChanges();
builder.AddPortalReconciler();
builder.AddPortalCluster();
builder.AddPortalAudit();
builder.AddPortalApi();
builder.AddPortalUi();

var app = builder.Build();

app.UsePortalPipeline();
app.MapPortalApi();
app.MapPortalAudit();
app.MapPortalChanges();
app.MapPortalSecrets();
app.MapPortalAgents();
app.MapPortalLive();
app.MapPortalUi();

app.Run();

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
