using AqTrading.Portfolio;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPortfolioServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPortfolioApi();
app.Run();
