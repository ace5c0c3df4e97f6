using AqTrading.Backtest;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBacktestServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapBacktestApi();
app.Run();
