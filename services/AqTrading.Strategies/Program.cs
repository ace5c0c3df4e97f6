using AqTrading.Strategies;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStrategiesServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStrategiesApi();
app.Run();
