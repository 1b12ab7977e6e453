using System.Globalization;
using CsvHelper;
using FeeBridge.Server.Rollout;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Server.WorkingGroups;

/// <summary>
/// The result as a spreadsheet for KOMBIT: one row per applicant with track, chance (the lottery's and LEXIMIN's
/// before rounding), outcome; municipality, name and e-mail only once the draw is made (before it, counts only).
/// The task list's CSV options: semicolons, a BOM, formulas escaped.
/// </summary>
public static class SelectionCsvFile
{
    public static byte[] Render(WorkingGroup group, IReadOnlyList<GroupApplication> applications, GroupSelection s)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, TaskListCsv.Options, leaveOpen: true))
        {
            csv.WriteHeader(["spor", "ansoegning", "chance", "leximin", "udfald", "kommune", "navn", "email"]);
            var byId = applications.ToDictionary(a => a.Id, StringComparer.Ordinal);
            foreach (var t in s.Lottery.Tracks)
            {
                var draw = s.DrawOf(t.Track);
                var summary = s.Summary.Track(t.Track);
                foreach (var m in t.Members)
                {
                    var a = byId.GetValueOrDefault(m.ApplicationId);
                    var named = draw is not null && a is not null;
                    csv.WriteRecord(
                    [
                        t.Track,
                        m.ApplicationId,
                        t.Chances[m.ApplicationId].ToString("0.000", CultureInfo.InvariantCulture),
                        (summary?.LeximinProbabilities.GetValueOrDefault(m.ApplicationId) ?? 0).ToString("0.000000", CultureInfo.InvariantCulture),
                        SelectionReasons.OutcomeOf(m.ApplicationId, t, draw) switch
                        {
                            ApplicantOutcome.Selected => "udtrukket",
                            ApplicantOutcome.NotSelected => "ikke udtrukket",
                            _ => "ikke trukket endnu",
                        },
                        named ? MunicipalityRegister.Denmark.Find(a!.Municipality)?.Name ?? a.Municipality.Value : "",
                        named ? a!.Name : "",
                        named ? a!.Email.Value : "",
                    ]);
                }
            }
            csv.Flush();
        }
        return buffer.ToArray();
    }
}
