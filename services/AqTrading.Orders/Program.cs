using AqTrading.Orders;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrdersServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrdersApi();
app.MapBrokerAccountsApi();
app.Run();
