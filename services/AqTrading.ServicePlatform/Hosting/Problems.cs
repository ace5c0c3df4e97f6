using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AqTrading.ServicePlatform.Hosting;

/// <summary>RFC 7807 bodies with a sentence a user can act on, for the results <c>TypedResults</c> has no helper for.</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemDetails Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemDetails Unprocessable(string detail) =>
        Create(StatusCodes.Status422UnprocessableEntity, "Request cannot be carried out", detail);

    private static ProblemDetails Create(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
    };
}
