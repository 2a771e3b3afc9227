using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Portal.Client.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.Services.AddPortalClient(new Uri(builder.HostEnvironment.BaseAddress));
await builder.Build().RunAsync();
