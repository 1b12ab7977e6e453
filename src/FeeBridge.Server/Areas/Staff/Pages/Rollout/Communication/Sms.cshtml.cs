using System.Globalization;
using FeeBridge.Rollout.Communication.Sms;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Communication;

/// <summary>
/// The SMS editor (<c>/staff/rollout/{kommunekode}/sms</c>, issue 16 part 3): a text to patrons, counted as the
/// network sends it, with plain replacements for the characters that would make it UCS-2. The count is the API's
/// (<c>POST /api/v1/rollout/sms/segments</c>): the page's script asks it on every change; without script the form
/// posts here and the same <see cref="SmsCounter"/> answers.
/// </summary>
public sealed class SmsModel : RolloutPageModel
{
    [BindProperty(SupportsGet = true, Name = "tekst")] public string? Text { get; set; }

    /// <summary>The character to replace with its plain stand-in, or <see cref="All"/> for every one.</summary>
    [BindProperty(Name = "erstat")] public string? Replace { get; set; }

    public const string All = "*";

    public SmsCount Count { get; private set; } = SmsCounter.Count("");

    public IActionResult OnGet(string kommunekode)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        Count = SmsCounter.Count(Text ??= "");
        return Page();
    }

    public IActionResult OnPost(string kommunekode)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        Text ??= "";
        if (Replace == All) Text = PlainReplacements.Apply(Text);
        else if (Replace is { Length: > 0 } one && PlainReplacements.For(one) is { } r) Text = Text.Replace(one, r.Replacement, StringComparison.Ordinal);
        Count = SmsCounter.Count(Text);
        return Page();
    }

    /// <summary>A character as the editor names it: itself, or its code point when it cannot be seen (a hard space).</summary>
    public static string Shown(string character) =>
        character.All(c => char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            ? string.Join(" ", character.Select(c => $"U+{(int)c:X4}"))
            : character;

    /// <summary>A replacement in words: the text itself, or what it is when that is invisible.</summary>
    public static string ShownReplacement(string replacement) => replacement switch
    {
        "" => "ingenting",
        " " => "almindeligt mellemrum",
        "\n" => "linjeskift",
        _ => replacement,
    };

    public static string Summary(SmsCount c) =>
        $"{c.Segments} SMS · {c.Characters} tegn · {c.Encoding.WireName()} ({c.PerSegment} tegn pr. {(c.Segments > 1 ? "del" : "SMS")})";
}
