using System.Buffers;
using System.Text.Json;

namespace FeeBridge.Server;

/// <summary>
/// Reads a JSON request body with a hard size limit, before parsing it, so an oversize body costs at most the limit.
/// Bodies are parsed by hand (not model-bound) so that every wrong field gets its own clear message.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The parsed document, or the problem to answer with.</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.Contains("+json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send application/json."));

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxBytes) return (null, TooLarge());
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted);
                if (read == 0) break;
                length += read;
                if (length > MaxBytes) return (null, TooLarge());
            }
            if (length == 0) return (null, Invalid("The request has no body."));
            try
            {
                return (JsonDocument.Parse(buffer.AsMemory(0, length).ToArray(), new JsonDocumentOptions { MaxDepth = 32 }), null);
            }
            catch (JsonException)
            {
                return (null, Invalid("The body is not valid JSON."));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult TooLarge() =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may be at most {MaxBytes} bytes.");

    private static IResult Invalid(string message)
    {
        var errors = new FieldErrors();
        errors.Add("$", message);
        return Problems.Validation(errors);
    }
}
