using AqTrading.MarketData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMarketDataServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMarketDataApi();
app.Run();
