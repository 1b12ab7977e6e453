namespace FeeBridge.Rollout.Communication.Drafts;

/// <summary>Whether a channel's draft is HTML (sanitised) or plain text (SMS: counted, never markup).</summary>
public enum DraftFormat
{
    Html,
    Text,
}

/// <summary>
/// One channel a draft is written for (issue 16 part 2): its wire id (in URLs and the store), its Danish name, who
/// reads it, its format and its default Liquid template, embedded as <c>{Id}.liquid</c>.
/// </summary>
public sealed record DraftChannel(string Id, string Title, string Audience, DraftFormat Format)
{
    public string DefaultTemplate => DefaultDrafts.For(Id);
}

/// <summary>Every channel FeeBridge writes a draft for, in the order the screens list them.</summary>
public static class DraftChannels
{
    public static readonly DraftChannel Website = new("hjemmeside", "Tekst til bibliotekets hjemmeside", "Borgere", DraftFormat.Html);
    public static readonly DraftChannel Management = new("ledelse", "Mail til ledelsen", "Ledelsen", DraftFormat.Html);
    public static readonly DraftChannel Desk = new("skranke", "Information til personalet i udlånet", "Bibliotekets personale", DraftFormat.Html);
    public static readonly DraftChannel Finance = new("oekonomi", "Information til økonomi og debitor", "Økonomipersonale", DraftFormat.Html);
    public static readonly DraftChannel Intranet = new("intranet", "Artikel til intranettet", "Alle medarbejdere", DraftFormat.Html);
    public static readonly DraftChannel Newsletter = new("nyhedsbrev", "Nyhedsbrev", "Lånere", DraftFormat.Html);
    public static readonly DraftChannel Sms = new("sms", "SMS til lånere", "Lånere, der får SMS", DraftFormat.Text);

    public static readonly IReadOnlyList<DraftChannel> All = [Website, Management, Desk, Finance, Intranet, Newsletter, Sms];

    public static DraftChannel? Find(string? id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
