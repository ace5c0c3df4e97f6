using AqTrading.AgentDispatcher;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAgentDispatcherServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAgentDispatcherApi();
app.Run();
