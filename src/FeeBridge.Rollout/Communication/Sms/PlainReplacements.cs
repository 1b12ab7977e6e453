using System.Globalization;
using System.Text;

namespace FeeBridge.Rollout.Communication.Sms;

/// <summary>
/// The typographic characters word processors put in a text (curly quotes, dashes, the ellipsis, hard and thin
/// spaces, invisible characters) and their plain GSM-7 stand-ins, so a message stays at 160 characters per SMS
/// instead of 70. A character composed of a letter and a combining accent (é as e + U+0301) is offered in its
/// composed form (NFC) when that is GSM-7. Emoji and letters of other alphabets have no stand-in.
/// </summary>
public static class PlainReplacements
{
    private static readonly Dictionary<char, (string To, string Description)> Table = new()
    {
        ['\u2018'] = ("'", "krøllet apostrof"),
        ['\u2019'] = ("'", "krøllet apostrof"),
        ['\u201A'] = ("'", "lavt enkelt anførselstegn"),
        ['\u201B'] = ("'", "omvendt apostrof"),
        ['\u2032'] = ("'", "primtegn"),
        ['\u00B4'] = ("'", "accent aigu"),
        ['\u0060'] = ("'", "accent grave"),
        ['\u2039'] = ("'", "enkelt vinkelanførselstegn"),
        ['\u203A'] = ("'", "enkelt vinkelanførselstegn"),
        ['\u201C'] = ("\"", "krøllet anførselstegn"),
        ['\u201D'] = ("\"", "krøllet anførselstegn"),
        ['\u201E'] = ("\"", "lavt anførselstegn"),
        ['\u201F'] = ("\"", "omvendt anførselstegn"),
        ['\u2033'] = ("\"", "dobbelt primtegn"),
        ['\u00AB'] = ("\"", "vinkelanførselstegn"),
        ['\u00BB'] = ("\"", "vinkelanførselstegn"),
        ['\u2013'] = ("-", "kort tankestreg"),
        ['\u2014'] = ("-", "lang tankestreg"),
        ['\u2012'] = ("-", "tal-tankestreg"),
        ['\u2015'] = ("-", "vandret streg"),
        ['\u2010'] = ("-", "bindestreg (typografisk)"),
        ['\u2011'] = ("-", "hård bindestreg"),
        ['\u2212'] = ("-", "minustegn"),
        ['\u2022'] = ("-", "punkttegn"),
        ['\u2026'] = ("...", "ellipse"),
        ['\u00A0'] = (" ", "hårdt mellemrum"),
        ['\u202F'] = (" ", "smalt hårdt mellemrum"),
        ['\u2002'] = (" ", "bredt mellemrum"),
        ['\u2003'] = (" ", "bredt mellemrum"),
        ['\u2004'] = (" ", "smalt mellemrum"),
        ['\u2005'] = (" ", "smalt mellemrum"),
        ['\u2006'] = (" ", "smalt mellemrum"),
        ['\u2007'] = (" ", "tal-mellemrum"),
        ['\u2008'] = (" ", "smalt mellemrum"),
        ['\u2009'] = (" ", "tyndt mellemrum"),
        ['\u200A'] = (" ", "hårtyndt mellemrum"),
        ['\t'] = (" ", "tabulator"),
        ['\u2028'] = ("\n", "linjeskift (Unicode)"),
        ['\u2029'] = ("\n", "afsnitsskift (Unicode)"),
        ['\u200B'] = ("", "usynligt mellemrum"),
        ['\u200C'] = ("", "usynligt tegn"),
        ['\u2060'] = ("", "usynligt tegn"),
        ['\uFEFF'] = ("", "usynligt tegn"),
        ['\u00AD'] = ("", "blød bindestreg"),
        ['\u00D7'] = ("x", "gangetegn"),
    };

    /// <summary>The stand-in for one user-perceived character, or null when it has none (emoji, other alphabets).</summary>
    public static SmsReplacement? For(string character)
    {
        if (GsmAlphabet.Covers(character)) return null;
        if (CharacterWise(character) is { } plain) return plain;
        // A letter with a separate combining accent: its composed form may be one of GSM's (é, ü, Å …).
        var composed = character.Normalize(NormalizationForm.FormC);
        if (composed == character) return null;
        if (GsmAlphabet.Covers(composed)) return new(character, composed, "tegn med løst accenttegn");
        return CharacterWise(composed) is { } composedPlain ? composedPlain with { Character = character } : null;
    }

    // Each code unit GSM-7 or in the table (an invisible joiner clings to the letter before it, so one element can hold both).
    private static SmsReplacement? CharacterWise(string element)
    {
        var plain = new StringBuilder(element.Length);
        string? description = null;
        foreach (var c in element)
        {
            if (GsmAlphabet.SeptetsOf(c) > 0) plain.Append(c);
            else if (Table.TryGetValue(c, out var known)) { plain.Append(known.To); description ??= known.Description; }
            else return null;
        }
        return new SmsReplacement(element, plain.ToString(), description!);
    }

    /// <summary>
    /// <paramref name="text"/> with every character that has a stand-in replaced by it; characters without one
    /// (emoji) stay, so the result may still be UCS-2.
    /// </summary>
    public static string Apply(string text)
    {
        var result = new StringBuilder(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            result.Append(For(element)?.Replacement ?? element);
        }
        return result.ToString();
    }
}
