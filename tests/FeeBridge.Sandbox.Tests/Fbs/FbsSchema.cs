using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FeeBridge.Sandbox.Tests.Fbs;

/// <summary>
/// FBS's published external API (the fixtures in <c>Schemas/</c>, see its README) as a checker: does an answer fit a
/// model (required fields present and not null, types and int32/int64 formats, enums, no field the model does not
/// name), and does a request use a documented path and method, with ISIL agency ids and integer patron ids, the
/// query parameters the operation requires, a body that fits its model, and <c>X-Session</c> on every call but the
/// log-in (CONTRACTS.md §2). Reads FBS's swagger 1.2 files and dpl-react's swagger 2.0 definitions alike.
/// </summary>
public sealed partial class FbsSchema
{
    /// <summary>One documented operation: its method, its path below <c>/rest</c>, parameters and answer.</summary>
    public sealed record Operation(string Source, string Method, string Path, IReadOnlyList<Parameter> Parameters, Type? Answer, IReadOnlyDictionary<string, JsonObject> Models)
    {
        public bool Matches(string method, string[] segments) =>
            string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) && Segments.Length == segments.Length &&
            Segments.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second);

        public string[] Segments { get; } = Path.Trim('/').Split('/');
    }

    public sealed record Parameter(string Name, string In, Type Type, bool Required);

    /// <summary>A type: a primitive (<c>string</c>, <c>integer</c> with format…), a model by name, or an array of one.</summary>
    public sealed record Type(string Name, string? Format = null, Type? Items = null, IReadOnlyList<string>? Enum = null);

    private readonly List<Operation> _operations = [];

    public IReadOnlyList<Operation> Operations => _operations;

    public static FbsSchema Load()
    {
        var schema = new FbsSchema();
        var dir = Path.Combine(AppContext.BaseDirectory, "Fbs", "Schemas");
        foreach (var file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var doc = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (doc["swaggerVersion"] is not null) schema.ReadSwagger12(Path.GetFileName(file), doc);
            else schema.ReadSwagger20(Path.GetFileName(file), doc);
        }
        return schema;
    }

    private void ReadSwagger12(string source, JsonObject doc)
    {
        var models = doc["models"]!.AsObject().ToDictionary(m => m.Key, m => m.Value!.AsObject());
        foreach (var api in doc["apis"]!.AsArray())
            foreach (var op in api!["operations"]!.AsArray())
            {
                var parameters = op!["parameters"]!.AsArray().Select(p => new Parameter((string)p!["name"]!, (string)p["paramType"]!, TypeOf12(p.AsObject()),
                    (bool?)p["required"] ?? false)).ToList();
                _operations.Add(new Operation(source, (string)op["method"]!, (string)api["path"]!, parameters, TypeOf12(op.AsObject()), models));
            }
    }

    private void ReadSwagger20(string source, JsonObject doc)
    {
        var models = doc["definitions"]!.AsObject().ToDictionary(m => m.Key, m => Normalized20(m.Value!.AsObject()));
        foreach (var (path, item) in doc["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject())
            {
                var parameters = (op!["parameters"]?.AsArray() ?? []).Select(p => new Parameter((string)p!["name"]!, (string)p["in"]!,
                    p["schema"] is JsonObject s ? TypeOf20(s) : TypeOf20(p.AsObject()), (bool?)p["required"] ?? false)).ToList();
                var answer = op["responses"]?["200"]?["schema"] is JsonObject schema ? TypeOf20(schema) : null;
                // dpl-react's adapter writes the path parameters without braces: /external/agencyid/patron/patronid/…
                var braced = path.Replace("/agencyid/", "/{agencyid}/").Replace("/patronid/", "/{patronid}/");
                _operations.Add(new Operation(source, method.ToUpperInvariant(), braced,
                    [new Parameter("agencyid", "path", new Type("string"), true), .. braced.Contains("{patronid}") ? [new Parameter("patronid", "path", new Type("integer", "int64"), true)] : Array.Empty<Parameter>(), .. parameters],
                    answer, models));
            }
    }

    /// <summary>A swagger 2.0 definition in swagger 1.2's terms: <c>$ref: '#/definitions/X'</c> becomes <c>type: X</c>.</summary>
    private static JsonObject Normalized20(JsonObject model)
    {
        var copy = model.DeepClone().AsObject();
        foreach (var (_, p) in copy["properties"]?.AsObject() ?? [])
        {
            var prop = p!.AsObject();
            if (prop["$ref"] is { } r) { prop["type"] = ((string)r!).Split('/')[^1]; prop.Remove("$ref"); }
            if (prop["items"]?["$ref"] is { } ir) prop["items"] = new JsonObject { ["$ref"] = ((string)ir!).Split('/')[^1] };
        }
        return copy;
    }

    private static Type TypeOf12(JsonObject node)
    {
        var name = (string?)node["type"] ?? (string?)node["$ref"] ?? "object";
        Type? items = node["items"] is JsonObject i ? TypeOf12(i) : null;
        return new Type(name, (string?)node["format"], items, node["enum"]?.AsArray().Select(e => (string)e!).ToList());
    }

    private static Type TypeOf20(JsonObject node)
    {
        if (node["$ref"] is { } r) return new Type(((string)r!).Split('/')[^1]);
        Type? items = node["items"] is JsonObject i ? TypeOf20(i) : null;
        return new Type((string?)node["type"] ?? "object", (string?)node["format"], items, node["enum"]?.AsArray().Select(e => (string)e!).ToList());
    }

    /// <summary>The operations documented for this method and path (below <c>/rest</c>), from every source that has it.</summary>
    public IReadOnlyList<Operation> Find(string method, string path) =>
        _operations.Where(o => o.Matches(method, path.Trim('/').Split('/'))).ToList();

    /// <summary>What is wrong with <paramref name="value"/> as a <paramref name="type"/> of <paramref name="models"/>; empty when it fits.</summary>
    public static IReadOnlyList<string> Check(JsonNode? value, Type type, IReadOnlyDictionary<string, JsonObject> models, string at = "$")
    {
        var errors = new List<string>();
        CheckInto(value, type, models, at, errors);
        return errors;
    }

    private static void CheckInto(JsonNode? value, Type type, IReadOnlyDictionary<string, JsonObject> models, string at, List<string> errors)
    {
        if (value is null) { errors.Add($"{at}: null is not {type.Name}"); return; }
        var kind = value.GetValueKind();
        switch (type.Name)
        {
            case "string":
                if (kind != JsonValueKind.String) errors.Add($"{at}: {kind} is not a string");
                else if (type.Enum is { } e && !e.Contains((string)value!)) errors.Add($"{at}: \"{value}\" is not one of {string.Join(", ", e)}");
                break;
            case "integer":
                if (kind != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    errors.Add($"{at}: {value.ToJsonString()} is not an integer (int64)");
                else if (type.Format == "int32" && n is < int.MinValue or > int.MaxValue) errors.Add($"{at}: {n} is not an int32");
                break;
            case "number":
                if (kind != JsonValueKind.Number) errors.Add($"{at}: {kind} is not a number");
                break;
            case "boolean":
                if (kind is not (JsonValueKind.True or JsonValueKind.False)) errors.Add($"{at}: {kind} is not a boolean");
                break;
            case "array":
                if (kind != JsonValueKind.Array) { errors.Add($"{at}: {kind} is not an array"); break; }
                var i = 0;
                foreach (var item in value.AsArray()) CheckInto(item, type.Items ?? new Type("object"), models, $"{at}[{i++}]", errors);
                break;
            default:
                if (!models.TryGetValue(type.Name, out var model)) { errors.Add($"{at}: the schema has no model {type.Name}"); break; }
                if (kind != JsonValueKind.Object) { errors.Add($"{at}: {kind} is not a {type.Name} object"); break; }
                var obj = value.AsObject();
                var properties = model["properties"]?.AsObject() ?? [];
                foreach (var required in model["required"]?.AsArray().Select(r => (string)r!) ?? [])
                    if (!obj.ContainsKey(required)) errors.Add($"{at}: {type.Name} requires {required}");
                foreach (var (name, field) in obj)
                {
                    if (properties[name] is not JsonObject property) { errors.Add($"{at}.{name}: {type.Name} has no field {name}"); continue; }
                    CheckInto(field, TypeOf12(property), models, $"{at}.{name}", errors);
                }
                break;
        }
    }

    /// <summary>What is wrong with an answer to <paramref name="method"/> <paramref name="path"/>, checked against every source that documents it.</summary>
    public IReadOnlyList<string> CheckAnswer(string method, string path, JsonNode? body)
    {
        var operations = Find(method, StripQuery(path));
        if (operations.Count == 0) return [$"{method} {path}: not a documented FBS call"];
        return operations.Where(o => o.Answer is not null)
            .SelectMany(o => Check(body, o.Answer!, o.Models).Select(e => $"{o.Source} {o.Method} {o.Path}: {e}")).ToList();
    }

    /// <summary>
    /// What is wrong with a request as FBS documents it: <paramref name="path"/> below <c>/rest</c>, with its query.
    /// </summary>
    public IReadOnlyList<string> CheckRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string? body)
    {
        var (bare, query) = (StripQuery(path), QueryOf(path));
        var operations = Find(method, bare);
        if (operations.Count == 0) return [$"{method} {bare}: not a documented FBS call"];
        var errors = new List<string>();
        var segments = bare.Trim('/').Split('/');
        foreach (var op in operations)
        {
            var values = op.Segments.Zip(segments).Where(p => p.First.StartsWith('{')).ToDictionary(p => p.First.Trim('{', '}'), p => Uri.UnescapeDataString(p.Second));
            foreach (var p in op.Parameters)
            {
                switch (p.In)
                {
                    case "path":
                        var v = values.GetValueOrDefault(p.Name);
                        if (v is null) errors.Add($"{op.Path}: no path parameter {p.Name}");
                        else if (p.Type.Name == "integer" && !long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                            errors.Add($"{op.Path}: {p.Name} \"{v}\" is not an integer");
                        else if (p.Name == "agencyid" && !Isil().IsMatch(v)) errors.Add($"{op.Path}: agencyid \"{v}\" is not an ISIL (DK- and 6 digits)");
                        break;
                    case "query":
                        if (!query.TryGetValue(p.Name, out var q)) { if (p.Required) errors.Add($"{op.Path}: the query lacks {p.Name}"); }
                        else if (p.Type.Name == "boolean" && q is not ("true" or "false")) errors.Add($"{op.Path}: {p.Name}={q} is not a boolean");
                        break;
                    case "body":
                        if (body is null) { errors.Add($"{op.Path}: no body ({p.Type.Name})"); break; }
                        if (!headers.TryGetValue("Content-Type", out var type) || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                            errors.Add($"{op.Path}: the body is not application/json");
                        try
                        {
                            errors.AddRange(Check(JsonNode.Parse(body), p.Type, op.Models).Select(e => $"{op.Path} body: {e}"));
                        }
                        catch (JsonException e)
                        {
                            errors.Add($"{op.Path}: the body is not JSON ({e.Message})");
                        }
                        break;
                }
            }
            foreach (var name in query.Keys.Where(k => op.Parameters.All(p => p.In != "query" || p.Name != k)))
                errors.Add($"{op.Path}: query parameter {name} is not documented");
            var isLogIn = op.Path.EndsWith("/authentication/login", StringComparison.Ordinal);
            if (!isLogIn && !headers.ContainsKey("X-Session")) errors.Add($"{op.Path}: no X-Session header (every call but the log-in carries one)");
        }
        return errors;
    }

    private static string StripQuery(string path) => path.Split('?')[0];

    private static Dictionary<string, string> QueryOf(string path) =>
        path.Contains('?')
            ? path[(path.IndexOf('?') + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")
            : [];

    [GeneratedRegex("^DK-[0-9]{6}$")]
    private static partial Regex Isil();
}
