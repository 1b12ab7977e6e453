using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server;

/// <summary>RFC 9457 problem details, the one error shape of every API. Details never carry a CPR number.</summary>
public static class Problems
{
    public static IResult Result(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>422 with a field → messages map, e.g. <c>{"lines[0].amount": ["…"]}</c>.</summary>
    public static IResult Validation(FieldErrors errors) =>
        Results.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request is not valid",
            Detail = "See 'errors' for what to correct.",
            Extensions = { ["errors"] = errors.ToDictionary() },
        });

    public static Task Write(HttpContext http, int status, string title, string detail) =>
        Result(status, title, detail).ExecuteAsync(http);
}

/// <summary>Validation messages collected per field.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
