using AqTrading.Derivatives;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDerivativesServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDerivativesApi();
app.Run();
