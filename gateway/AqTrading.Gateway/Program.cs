using AqTrading.Gateway;
using AqTrading.Security;

// `hash-password`: reads a password from standard input and prints its hash for Auth:Users:<name>:PasswordHash
// (./aq hash-password; docs/DEPLOY.md), so no password ever needs to sit in configuration.
if (args is ["hash-password"])
{
    var password = Console.In.ReadLine();
    if (string.IsNullOrEmpty(password))
    {
        Console.Error.WriteLine("Write the password on standard input.");
        return 2;
    }

    Console.WriteLine(PasswordHashes.Hash(password));
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGateway();
app.Run();
return 0;
