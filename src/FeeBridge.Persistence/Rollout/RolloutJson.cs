using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// How the rollout's records are kept as JSON: camelCase (the contract's field names), enums by kebab-case name
/// (<c>not-started</c>, <c>master-copy</c>; a name survives reordering the enum, a number would not), a kommunekode and
/// an e-mail as their plain text. The model owns the shape; the store only keeps it.
/// </summary>
public static class RolloutJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new KommunekodeConverter(), new EmailAddressConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"A stored {typeof(T).Name} is null.");

    private sealed class KommunekodeConverter : JsonConverter<Kommunekode>
    {
        public override Kommunekode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Kommunekode.TryParse(reader.GetString(), out var code, out var error) ? code : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, Kommunekode value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    private sealed class EmailAddressConverter : JsonConverter<EmailAddress>
    {
        public override EmailAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            EmailAddress.TryParse(reader.GetString(), out var address, out var error) ? address : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, EmailAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
