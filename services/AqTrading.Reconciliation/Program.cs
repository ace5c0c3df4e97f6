using AqTrading.Reconciliation;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReconciliationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReconciliationApi();
app.Run();
