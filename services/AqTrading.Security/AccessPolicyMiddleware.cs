using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AqTrading.Security;

/// <summary>
/// Enforces <see cref="AccessPolicy"/>: a governed path without a valid token is a 401 (with the bearer challenge), a
/// valid token whose roles fall short is a 403 naming the role needed. Both are ProblemDetails.
/// </summary>
internal sealed class AccessPolicyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (AccessPolicy.RequiredRole(context.Request.Method, context.Request.Path) is not { } required || required == Role.Anonymous)
        {
            await next(context);
            return;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync();
            await WriteAsync(context, problems, StatusCodes.Status401Unauthorized, "Not signed in",
                "Sign in first: POST /api/auth/token with your user name and password, then send the access token as "
                + "'Authorization: Bearer <token>'. A token that expired or was not signed by this platform is refused.");
            return;
        }

        if (Roles.Highest(context.User) < required)
        {
            await context.ForbidAsync();
            await WriteAsync(context, problems, StatusCodes.Status403Forbidden, "Not allowed",
                $"{context.Request.Method} {context.Request.Path} needs the {Roles.NameOf(required)} role; "
                + $"{context.User.Identity.Name ?? "this user"} has {Roles.NameOf(Roles.Highest(context.User))}.");
            return;
        }

        await next(context);
    }

    private static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
