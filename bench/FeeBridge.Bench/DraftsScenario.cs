using System.Diagnostics;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Communication.Faq;
using FeeBridge.Rollout.Communication.Print;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Workflow;
using FeeBridge.Rollout.Workflow.Bpmn;

namespace FeeBridge.Bench;

/// <summary>
/// Scenario "drafts" (issue #16): every draft and both BPMN flows for all 98 municipalities regenerated after a
/// configuration change, in process (no database, no HTTP: what the server does per municipality once it has the
/// facts). Each municipality gets 1–3 libraries with their own cut-over dates, a minimum, a payment site and a
/// measured speed; a round moves every library's cut-over date a week (the change), then writes for each:
/// the seven channels' drafts from their templates (parsed as the server parses them, each time), the SMS texts
/// counted, the facts and their changes since the round before (the markers), the poster's and desk card's texts
/// and their PDFs (poster A4 and A3, desk card A5: <see cref="PrintPdf"/>, as the server serves them), the FAQ
/// question bank, and the before and after flows as BPMN XML. Baseline in the same run: the same number of
/// trivial templates (<c>&lt;p&gt;{{ kommune.navn }}&lt;/p&gt;</c>) parsed and rendered — the floor of the template
/// engine. Reports seconds per round and per municipality, the split drafts/PDFs/flows, the PDFs made and their
/// size, and the process's peak RSS.
/// </summary>
public static class DraftsScenario
{
    private const int Rounds = 5;

    public static Task RunAsync(BenchOptions o)
    {
        var municipalities = MunicipalityRegister.Denmark.All;
        Console.WriteLine($"# drafts: {municipalities.Count} municipalities × ({DraftChannels.All.Count} drafts + {PdfPieces.Length} PDFs (poster A4, A3, desk card) + 2 BPMN flows + FAQ bank), {Rounds} rounds after a configuration change, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var facts = municipalities.Select((m, i) => Facts(m, i, shift: 0)).ToList();
        var seen = facts.Select(DraftFacts.Of).ToList();
        Regenerate(facts, seen); // warm-up: JIT, Fluid's parser, the embedded templates read once, the PDF font loaded

        Console.WriteLine();
        Console.WriteLine("| round | total s | per municipality ms | drafts s | PDFs s | flows s | changed facts | PDFs | PDF MB | other output MB | baseline s (trivial template) | × baseline |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var totals = new List<double>();
        var pdfShares = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            facts = [.. municipalities.Select((m, i) => Facts(m, i, shift: round * 7))];
            var r = Regenerate(facts, seen);
            seen = [.. facts.Select(DraftFacts.Of)];
            var baseline = Baseline(facts);
            totals.Add(r.Total);
            pdfShares.Add(r.Pdfs / r.Total);
            Console.WriteLine($"| {round} | {r.Total:F3} | {r.Total * 1000 / facts.Count:F2} | {r.Drafts:F3} | {r.Pdfs:F3} | {r.Flows:F3} | {r.Changes} | {r.PdfCount} | {r.PdfBytes / 1e6:F1} | {r.Bytes / 1e6:F1} | {baseline:F3} | {r.Total / baseline:F1} |");
        }
        Console.WriteLine();
        Console.WriteLine($"median round {Median(totals):F3} s ({Median(totals) * 1000 / facts.Count:F2} ms per municipality, the PDFs {Median(pdfShares):P0} of it); peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
        return Task.CompletedTask;
    }

    /// <summary>The printed drafts, each a PDF per municipality per round.</summary>
    private static readonly PrintPiece[] PdfPieces = [PrintPiece.PosterA4, PrintPiece.PosterA3, PrintPiece.DeskCard];

    private sealed record Result(double Total, double Drafts, double Pdfs, double Flows, int Changes, long Bytes, int PdfCount, long PdfBytes);

    private static Result Regenerate(IReadOnlyList<MunicipalityFacts> all, IReadOnlyList<IReadOnlyList<DraftFact>> seen)
    {
        var drafts = new Stopwatch();
        var pdfs = new Stopwatch();
        var flows = new Stopwatch();
        long bytes = 0, pdfBytes = 0;
        var changes = 0;
        var pdfCount = 0;
        for (var i = 0; i < all.Count; i++)
        {
            var facts = all[i];
            drafts.Start();
            foreach (var channel in DraftChannels.All)
            {
                var rendered = DraftTemplate.Parse(channel.DefaultTemplate).Value!.Render(facts, channel.Format);
                if (!rendered.IsAccepted) throw new InvalidOperationException($"{facts.Code} {channel.Id}: {rendered}");
                bytes += rendered.Value.Output.Length;
                if (channel.Format == DraftFormat.Text) bytes += SmsDraft.Messages(rendered.Value.Output).Sum(m => m.Count.Segments);
            }
            changes += DraftFacts.Changes(seen[i], DraftFacts.Of(facts)).Count;
            var poster = PrintTexts.Poster(facts);
            var deskCard = PrintTexts.DeskCard(facts);
            bytes += poster.Points.Count + deskCard.Points.Count + FaqQuestionBank.For(facts).Count;
            drafts.Stop();
            pdfs.Start();
            foreach (var piece in PdfPieces)
            {
                var pdf = PrintPdf.Render(piece == PrintPiece.DeskCard ? deskCard : poster, piece, facts.Name);
                if (!pdf.AsSpan().StartsWith("%PDF-"u8)) throw new InvalidOperationException($"{facts.Code} {piece}: not a PDF");
                pdfBytes += pdf.Length;
                pdfCount++;
            }
            pdfs.Stop();
            flows.Start();
            bytes += BpmnWriter.Write(ChangedWorkflows.Build(facts, WorkflowVariant.Before)).Length;
            bytes += BpmnWriter.Write(ChangedWorkflows.Build(facts, WorkflowVariant.After)).Length;
            flows.Stop();
        }
        return new Result(drafts.Elapsed.TotalSeconds + pdfs.Elapsed.TotalSeconds + flows.Elapsed.TotalSeconds,
            drafts.Elapsed.TotalSeconds, pdfs.Elapsed.TotalSeconds, flows.Elapsed.TotalSeconds, changes, bytes, pdfCount, pdfBytes);
    }

    /// <summary>As many parses and renders as the drafts, of a template that only writes the name.</summary>
    private static double Baseline(IReadOnlyList<MunicipalityFacts> all)
    {
        var watch = Stopwatch.StartNew();
        foreach (var facts in all)
            foreach (var _ in DraftChannels.All)
                if (!DraftTemplate.Parse("<p>{{ kommune.navn }}</p>").Value!.Render(facts).IsAccepted) throw new InvalidOperationException("baseline");
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>A municipality's configuration: 1–3 libraries a month apart (all moved by <paramref name="shift"/> days), a minimum, a site, a speed.</summary>
    private static MunicipalityFacts Facts(DanishMunicipality m, int i, int shift)
    {
        var start = new DateOnly(2027, 1, 4).AddDays(i % 60 + shift);
        var libraries = Enumerable.Range(0, 1 + i % 3).Select(k => new LibraryFacts(
            $"7{m.Code.Value}{k:00}", k == 0 ? $"{m.Name.Replace(" Kommune", "", StringComparison.Ordinal)} Bibliotekerne" : $"{m.Name} skolebibliotek {k}",
            start.AddMonths(k), 20_000)).ToList();
        return new MunicipalityFacts(m.Code.Value, m.Name,
            new MunicipalRules(i % 4 == 0 ? 0 : 5_000 * (1 + i % 3), i % 2 == 0 ? CompensationRule.StaysWithLibrary : CompensationRule.SentAsCivilClaim, 30),
            libraries, $"https://www.kommune{m.Code.Value}.dk/betaling",
            new MeasuredPaymentSpeed(1_000 + i, 7, TimeSpan.FromMilliseconds(2_000 + 37 * i), TimeSpan.FromMilliseconds(6_000 + 91 * i)));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
