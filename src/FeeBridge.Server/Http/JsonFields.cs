using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FeeBridge.Domain;

namespace FeeBridge.Server;

/// <summary>
/// Reads typed fields out of a JSON object and records a message per wrong field. Messages describe what is expected
/// and never repeat the value (it may be a CPR number).
/// </summary>
public sealed partial class JsonFields(FieldErrors errors)
{
    public FieldErrors Errors { get; } = errors;

    public JsonElement? Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A string of 1..maxLength characters without control characters; null when absent and optional.</summary>
    public string? Text(JsonElement obj, string name, string path, bool required, int maxLength)
    {
        var v = Get(obj, name);
        if (v is null)
        {
            if (required) Errors.Add(path, "Required.");
            return null;
        }
        if (v.Value.ValueKind != JsonValueKind.String) { Errors.Add(path, "Must be a string."); return null; }
        var s = v.Value.GetString()!;
        if (required && s.Length == 0) { Errors.Add(path, "Must not be empty."); return null; }
        if (s.Length > maxLength) { Errors.Add(path, $"Must be at most {maxLength} characters."); return null; }
        if (s.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')) { Errors.Add(path, "Must not contain control characters."); return null; }
        return s;
    }

    /// <summary>An identifier: 1..64 of letters, digits and <c>. _ - :</c>.</summary>
    public string? Id(JsonElement obj, string name, string path, bool required)
    {
        var s = Text(obj, name, path, required, 64);
        if (s is not null && !IdPattern().IsMatch(s)) { Errors.Add(path, "Must be 1-64 letters, digits or . _ - :"); return null; }
        return s;
    }

    public static bool IsId(string s) => IdPattern().IsMatch(s);

    /// <summary>
    /// A positive amount in kroner as a string with at most two decimals ("120.00"), at most
    /// <see cref="Money.MaxClaimAmount"/>; a JSON number is refused.
    /// </summary>
    public Money? PositiveAmount(JsonElement obj, string name, string path)
    {
        var v = Get(obj, name);
        if (v is null) { Errors.Add(path, "Required."); return null; }
        if (v.Value.ValueKind == JsonValueKind.Number) { Errors.Add(path, "Must be a string in kroner with two decimals, e.g. \"120.00\", not a JSON number."); return null; }
        if (v.Value.ValueKind != JsonValueKind.String) { Errors.Add(path, "Must be a string in kroner, e.g. \"120.00\"."); return null; }
        if (!Money.TryParseAccepted(v.Value.GetString(), out var m, out var error)) { Errors.Add(path, error!); return null; }
        if (!m.IsPositive) { Errors.Add(path, "Must be greater than zero."); return null; }
        return m;
    }

    public bool Bool(JsonElement obj, string name, string path)
    {
        var v = Get(obj, name);
        if (v is null) return false;
        if (v.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.Value.GetBoolean();
        Errors.Add(path, "Must be true or false.");
        return false;
    }

    /// <summary>An ISO 8601 date and time with an explicit offset (or Z).</summary>
    public DateTimeOffset? Instant(JsonElement obj, string name, string path, bool required)
    {
        var s = Text(obj, name, path, required, 40);
        if (s is null) return null;
        if (!OffsetPattern().IsMatch(s) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            Errors.Add(path, "Must be an ISO 8601 date and time with offset, e.g. 2026-11-20T10:15:00+01:00.");
            return null;
        }
        return t;
    }

    public DateOnly? Date(JsonElement obj, string name, string path)
    {
        var s = Text(obj, name, path, required: false, 10);
        if (s is null) return null;
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Errors.Add(path, "Must be a date YYYY-MM-DD.");
            return null;
        }
        return d;
    }

    public Cpr? Cpr(JsonElement obj, string name, string path, bool required)
    {
        var v = Get(obj, name);
        if (v is null) { if (required) Errors.Add(path, "Required."); return null; }
        if (v.Value.ValueKind != JsonValueKind.String) { Errors.Add(path, "Must be a string of 10 digits (DDMMYYSSSS)."); return null; }
        if (!Domain.Cpr.TryParse(v.Value.GetString(), out var cpr, out var error)) { Errors.Add(path, error!); return null; }
        return cpr;
    }

    public Cvr? Cvr(JsonElement obj, string name, string path)
    {
        var v = Get(obj, name);
        if (v is null) { Errors.Add(path, "Required."); return null; }
        if (v.Value.ValueKind != JsonValueKind.String) { Errors.Add(path, "Must be a string of 8 digits."); return null; }
        if (!Domain.Cvr.TryParse(v.Value.GetString(), out var cvr, out var error)) { Errors.Add(path, error!); return null; }
        return cvr;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetPattern();
}
