using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AqTrading.ServicePlatform.Hosting;

/// <summary>
/// RFC 7807 results (application/problem+json) with a sentence a user can act on, for the statuses
/// <c>TypedResults.ValidationProblem</c> does not cover.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <param name="code">A stable snake_case reason users can script against, returned as the <c>code</c> extension.</param>
    public static ProblemHttpResult Conflict(string detail, string? code = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Unprocessable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Request cannot be carried out");
}
