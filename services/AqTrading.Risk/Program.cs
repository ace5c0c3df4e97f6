using AqTrading.Risk;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRiskServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRiskApi();
app.MapGreeksApi();
app.Run();
