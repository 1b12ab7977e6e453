using System.Globalization;
using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;

namespace FeeBridge.DebtorSystem.Xml;

/// <summary>
/// Strict reading of the contract's elements, shared by its messages: a missing or malformed element is a
/// <see cref="ContractViolation"/> that names the element and never repeats its value.
/// </summary>
internal static class ContractElements
{
    public static readonly XNamespace Ns = Sf1590.Namespace;

    public static void Expect(XElement e, string localName)
    {
        if (e.Name.Namespace != Ns) throw new ContractViolation($"Expected namespace {Sf1590.Namespace}.");
        if (e.Name.LocalName != localName) throw new ContractViolation($"Expected {localName}, got {e.Name.LocalName}.");
    }

    public static XElement Required(XElement parent, string name) =>
        parent.Element(Ns + name) ?? throw new ContractViolation($"{parent.Name.LocalName} is missing {name}.");

    public static string Text(XElement parent, string name)
    {
        var text = Required(parent, name).Value;
        return text.Length > 0 ? text : throw new ContractViolation($"{parent.Name.LocalName}/{name} is empty.");
    }

    public static string? OptionalText(XElement parent, string name) => parent.Element(Ns + name)?.Value;

    public static DateOnly DateOf(XElement parent, string name) =>
        DateOnly.TryParseExact(Text(parent, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new ContractViolation($"{parent.Name.LocalName}/{name} must be a date YYYY-MM-DD.");

    public static Money Amount(XElement parent, string name) =>
        Money.TryParse(Text(parent, name), out var m, out _) ? m : throw new ContractViolation($"{parent.Name.LocalName}/{name} must be an amount like 120.00.");

    /// <summary>
    /// One of an enum's names exactly as the contract spells it. Not <see cref="Enum.TryParse{TEnum}(string?, out TEnum)"/>:
    /// that also takes numbers ("0"), names with white space around them (" Daekning") and lists ("Daekning,Afskrivning").
    /// </summary>
    public static T Name<T>(string? text, string error) where T : struct, Enum =>
        text is not null && Names<T>.ByName.TryGetValue(text, out var value) ? value : throw new ContractViolation(error);

    /// <summary>An optional element whose text must be one of <paramref name="allowed"/>, exactly.</summary>
    public static string? OptionalName(XElement parent, string name, IReadOnlySet<string> allowed)
    {
        var text = OptionalText(parent, name);
        return text is null || allowed.Contains(text) ? text
            : throw new ContractViolation($"{parent.Name.LocalName}/{name} must be one of {string.Join(", ", allowed)}.");
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);
    }

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
