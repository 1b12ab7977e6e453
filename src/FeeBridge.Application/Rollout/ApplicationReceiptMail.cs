using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.WorkingGroups;
using MimeKit;

namespace FeeBridge.Application.Rollout;

/// <summary>
/// The receipt for a working-group application (CONTRACTS.md §7: "the applicant gets a receipt by e-mail"), in
/// Danish, to the applicant: the group, track, municipality, the application id (the only thing the published
/// lottery list shows of them), the deadline and where to follow their chance.
/// </summary>
public static class ApplicationReceiptMail
{
    public static MimeMessage Compose(WorkingGroup group, GroupApplication application, MailboxAddress from, Uri? baseUrl)
    {
        var track = group.Track(application.Track)!;
        var municipality = MunicipalityRegister.Denmark.Find(application.Municipality)?.Name ?? application.Municipality.Value;
        var path = $"/staff/working-groups/{Uri.EscapeDataString(group.Id)}/applications/{Uri.EscapeDataString(application.Id)}";
        var link = baseUrl is null ? path : new Uri(baseUrl, path).ToString();
        var message = new MimeMessage
        {
            Subject = $"Kvittering: ansøgning til {group.Title} ({track.Title})",
            MessageId = $"{application.Id}@working-groups.feebridge",
            Body = new TextPart("plain")
            {
                Text = $"""
                    Kære {application.Name}

                    Vi har modtaget {municipality} Kommunes ansøgning om en plads til dig i sporet {track.Title} i {group.Title}.

                    Ansøgningens nummer: {application.Id}
                    Tilmeldingen er åben {DanishDeadline.Text(group.Deadline)}.

                    Er der flere ansøgere end pladser, trækkes der lod, så gruppen bliver repræsentativ: store og mindre kommuner, alle regioner, folke- og skolebiblioteker. Din chance og resultatet kan du følge her:
                    {link}

                    På lodtrækningens offentlige liste står du kun med ansøgningens nummer.

                    Venlig hilsen
                    FeeBridge
                    """,
            },
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(application.Name, application.Email.Value));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }
}
