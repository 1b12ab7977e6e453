using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Selection;

/// <summary>One applicant as the published list shows them: the opaque id and the feature values the quotas count.</summary>
public sealed record LotteryMember(string ApplicationId, string Region, string Size, string LibraryType);

/// <summary>One track's part of the lottery: its quotas (as used), its applicants and its <see cref="Lottery.Size"/> panels.</summary>
public sealed record TrackLottery(string Track, int Seats, IReadOnlyList<TrackQuota> Quotas, IReadOnlyList<LotteryMember> Members, IReadOnlyList<IReadOnlyList<string>> Panels)
{
    /// <summary>Each applicant's chance: the share of the panels that hold them.</summary>
    public IReadOnlyDictionary<string, double> Chances =>
        Members.ToDictionary(m => m.ApplicationId, m => Panels.Count == 0 ? 0 : Panels.Count(p => p.Contains(m.ApplicationId)) / (double)Panels.Count, StringComparer.Ordinal);
}

/// <summary>
/// The transparent lottery (DOMAIN.md §8): per track, 1,000 equally likely panels, published as one canonical text
/// whose SHA-256 (<see cref="Hash"/>) is announced before the draw. The text is UTF-8 with LF line ends, tab-separated:
/// <code>
/// feebridge-lottery/1
/// group	&lt;group id&gt;
/// track	&lt;track id&gt;	&lt;seats&gt;
/// quota	&lt;track&gt;	&lt;feature&gt;	&lt;value&gt;	&lt;min&gt;	&lt;max&gt;          (as used, in the group's order)
/// member	&lt;track&gt;	&lt;applicationId&gt;	&lt;region&gt;	&lt;size&gt;	&lt;libraryType&gt;   (by id, ordinal)
/// panel	&lt;track&gt;	&lt;index 0–999&gt;	&lt;applicationId&gt; &lt;applicationId&gt; …    (ids ascending; panels ascending by their ids)
/// </code>
/// so anyone can check each panel against the quotas, recount the chances and recompute the draw.
/// </summary>
public sealed class Lottery
{
    /// <summary>The number of equally likely panels per track.</summary>
    public const int Size = 1000;
    private const string Magic = "feebridge-lottery/1";

    /// <summary>A lottery of <paramref name="tracks"/> for group <paramref name="groupId"/>.</summary>
    public Lottery(string groupId, IReadOnlyList<TrackLottery> tracks)
    {
        GroupId = groupId;
        Tracks = tracks;
        Text = Render();
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
    }

    /// <summary>The group's id.</summary>
    public string GroupId { get; }
    /// <summary>The tracks, in the group's order.</summary>
    public IReadOnlyList<TrackLottery> Tracks { get; }
    /// <summary>The canonical published list.</summary>
    public string Text { get; }
    /// <summary>SHA-256 of <see cref="Text"/>'s UTF-8 bytes, lower-case hex.</summary>
    public string Hash { get; }

    /// <summary>The track's part, or null.</summary>
    public TrackLottery? Track(string id) => Tracks.FirstOrDefault(t => t.Track == id);

    /// <summary>
    /// The drawn panel's index for <paramref name="track"/>: SHA-256 of the UTF-8 bytes of <paramref name="randomValue"/>
    /// followed directly by those of the track id, read as one big-endian unsigned number, modulo 1,000.
    /// </summary>
    public static int DrawIndex(string randomValue, string track)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(randomValue + track));
        return (int)(new BigInteger(digest, isUnsigned: true, isBigEndian: true) % Size);
    }

    private string Render()
    {
        var b = new StringBuilder();
        b.Append(Magic).Append('\n');
        b.Append("group\t").Append(GroupId).Append('\n');
        foreach (var t in Tracks)
        {
            b.Append("track\t").Append(t.Track).Append('\t').Append(t.Seats.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var q in t.Quotas)
                b.Append(CultureInfo.InvariantCulture, $"quota\t{t.Track}\t{SelectionFeatures.WireName(q.Feature)}\t{q.Value}\t{q.Min}\t{q.Max}\n");
            foreach (var m in t.Members)
                b.Append(CultureInfo.InvariantCulture, $"member\t{t.Track}\t{m.ApplicationId}\t{m.Region}\t{m.Size}\t{m.LibraryType}\n");
            for (var i = 0; i < t.Panels.Count; i++)
                b.Append(CultureInfo.InvariantCulture, $"panel\t{t.Track}\t{i}\t{string.Join(' ', t.Panels[i])}\n");
        }
        return b.ToString();
    }

    /// <summary>Reads a published list back (what the store keeps); null when it is not one.</summary>
    public static Lottery? Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2 || lines[0] != Magic || !lines[1].StartsWith("group\t", StringComparison.Ordinal)) return null;
        var groupId = lines[1]["group\t".Length..];
        var tracks = new List<(string Id, int Seats, List<TrackQuota> Quotas, List<LotteryMember> Members, List<IReadOnlyList<string>> Panels)>();
        foreach (var line in lines.Skip(2).Where(l => l.Length > 0))
        {
            var f = line.Split('\t');
            switch (f[0])
            {
                case "track" when f.Length == 3:
                    tracks.Add((f[1], int.Parse(f[2], CultureInfo.InvariantCulture), [], [], []));
                    break;
                case "quota" when f.Length == 6 && tracks.Count > 0 && SelectionFeatures.Find(f[2]) is { } feature:
                    tracks[^1].Quotas.Add(new TrackQuota(f[1], feature, f[3], int.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture)));
                    break;
                case "member" when f.Length == 6 && tracks.Count > 0:
                    tracks[^1].Members.Add(new LotteryMember(f[2], f[3], f[4], f[5]));
                    break;
                case "panel" when f.Length == 4 && tracks.Count > 0:
                    tracks[^1].Panels.Add(f[3].Length == 0 ? [] : f[3].Split(' '));
                    break;
                default:
                    return null;
            }
        }
        var lottery = new Lottery(groupId, [.. tracks.Select(t => new TrackLottery(t.Id, t.Seats, t.Quotas, t.Members, t.Panels))]);
        return lottery.Text == text ? lottery : null;
    }
}
