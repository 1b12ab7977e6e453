using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace FeeBridge.Server;

/// <summary>
/// Reads a JSON request body with a hard size limit, before parsing it, so an oversize body costs at most the limit.
/// Bodies are parsed by hand (not model-bound) so that every wrong field gets its own clear message. Whatever the
/// client sends ends here as a problem (4xx), never as an exception further in: a body Kestrel gives up on (too large,
/// too slow), text that is not UTF-8 or holds a lone surrogate, and a key given twice in one object (which
/// System.Text.Json would otherwise let the last one win).
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;
    private const int MaxDepth = 32;

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
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    // Never ask for more than one byte past the limit: that byte is enough to know it is too large.
                    var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, MaxBytes + 1) - length), request.HttpContext.RequestAborted);
                    if (read == 0) break;
                    length += read;
                    if (length > MaxBytes) return (null, TooLarge());
                }
            }
            catch (BadHttpRequestException e)
            {
                // Kestrel's own limits (body size, minimum data rate) surface here while reading; answer them as such.
                return (null, e.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => TooLarge(),
                    StatusCodes.Status408RequestTimeout => Problems.Result(StatusCodes.Status408RequestTimeout, "Request body too slow",
                        "The body arrived too slowly; send it again at once."),
                    _ => Problems.Result(StatusCodes.Status400BadRequest, "Bad request", "The request body could not be read."),
                });
            }
            if (length == 0) return (null, Invalid("$", "The request has no body."));
            var json = buffer.AsMemory(0, length);
            if (Check(json.Span) is { } errors) return (null, Problems.Validation(errors));
            return (JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth }), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One container being read: its path (as <see cref="FieldErrors"/> names fields) and, for an object, the keys seen.</summary>
    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;
        public HashSet<string>? Keys { get; } = isObject ? new(StringComparer.Ordinal) : null;
        public int Index { get; set; }
    }

    /// <summary>
    /// One pass over the text before it is parsed: well-formed JSON, every string and key decodable (valid UTF-8, no
    /// lone surrogate in an escape; reading one later would throw), no key twice in an object. Null when all is well.
    /// </summary>
    private static FieldErrors? Check(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var open = new Stack<Frame>();
        string? key = null;
        FieldErrors? errors = null;
        void Add(string path, string message) => (errors ??= new FieldErrors()).Add(path, message);

        // The path of the value that starts now (in an array, the next element).
        string ValuePath()
        {
            if (!open.TryPeek(out var parent)) return "$";
            if (parent.Keys is null) return $"{parent.Path}[{parent.Index++}]";
            return parent.Path == "$" ? key! : $"{parent.Path}.{key}";
        }

        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        open.Push(new Frame(ValuePath(), reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var parent = open.Peek();
                        if (!TryText(ref reader, out var name))
                        {
                            Add(parent.Path, "A key is not valid text (UTF-8 without lone surrogates).");
                            name = "?";
                        }
                        key = name;
                        if (!parent.Keys!.Add(name)) Add(parent.Path == "$" ? name : $"{parent.Path}.{name}", "Given more than once; give each field once.");
                        break;
                    case JsonTokenType.String:
                        var path = ValuePath();
                        if (!TryText(ref reader, out _)) Add(path, "Must be valid text: UTF-8 without lone surrogates.");
                        break;
                    default:
                        ValuePath();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            var invalid = new FieldErrors();
            invalid.Add("$", "The body is not valid JSON.");
            return invalid;
        }
        return errors;
    }

    private static bool TryText(ref Utf8JsonReader reader, out string text)
    {
        text = "";
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            if (!Utf8.IsValid(reader.ValueSpan)) return false;
            if (reader.TokenType != JsonTokenType.PropertyName) return true;
        }
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IResult TooLarge() =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may be at most {MaxBytes} bytes.");

    private static IResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Problems.Validation(errors);
    }
}
