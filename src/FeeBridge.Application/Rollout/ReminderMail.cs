using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Rollout.Workspace;
using MimeKit;

namespace FeeBridge.Application.Rollout;

/// <summary>
/// The mail of one deadline reminder, in Danish: the task's title, its deadline, how far off (or overdue) it is and
/// the link to the task in the staff pages (<c>/staff/rollout/{kommunekode}/tasks/{taskId}</c>). Its Message-Id comes
/// from the reminder's key, so a reminder sent again after an interrupted attempt is the same message to mail
/// programs that fold duplicates; the key itself (which holds the address) is hashed, not shown.
/// </summary>
public static class ReminderMail
{
    private static readonly string[] Months =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    /// <param name="baseUrl">FeeBridge's address as staff reach it; null gives the link as a path.</param>
    public static MimeMessage Compose(DueReminder reminder, MunicipalTask task, MailboxAddress from, Uri? baseUrl)
    {
        var title = task.Fields.Title;
        var link = Link(task, baseUrl);
        var message = new MimeMessage
        {
            Subject = Subject(reminder, title),
            MessageId = MessageIdOf(reminder.IdempotencyKey),
            Body = new TextPart("plain") { Text = Body(reminder, title, link) },
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(null, reminder.Person.Value));
        // RFC 3834: sent by a program, so out-of-office replies stay away.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>The task in the staff pages.</summary>
    public static string Link(MunicipalTask task, Uri? baseUrl)
    {
        var path = $"/staff/rollout/{task.Municipality.Value}/tasks/{Uri.EscapeDataString(task.TaskId)}";
        return baseUrl is null ? path : new Uri(baseUrl, path).ToString();
    }

    /// <summary>The Message-Id of a reminder: the same for every attempt at it, different for every other reminder.</summary>
    public static string MessageIdOf(string reminderKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reminderKey)))[..40] + "@reminders.feebridge";

    private static string Subject(DueReminder reminder, string title) => reminder.DaysLeft switch
    {
        < 0 => $"Overskredet frist: {title}",
        0 => $"Frist i dag: {title}",
        1 => $"Frist i morgen: {title}",
        var days => $"Frist om {days} dage: {title}",
    };

    private static string Body(DueReminder reminder, string title, string link)
    {
        var deadline = DanishDate(reminder.Deadline);
        var when = reminder.DaysLeft switch
        {
            < 0 => $"Fristen var {deadline}, og opgaven er endnu ikke fuldført ({Days(-reminder.DaysLeft)} over fristen).",
            0 => $"Fristen er i dag, {deadline}.",
            1 => $"Fristen er i morgen, {deadline}.",
            var days => $"Fristen er {deadline}, om {Days(days)}.",
        };
        return new StringBuilder()
            .Append("Hej\n\n")
            .Append(CultureInfo.InvariantCulture, $"Opgaven \"{title}\" har en frist.\n")
            .Append(when).Append("\n\n")
            .Append(CultureInfo.InvariantCulture, $"Se opgaven: {link}\n\n")
            .Append("Du får denne påmindelse, fordi du er ansvarlig for opgaven eller udfører den.\n\n")
            .Append("Venlig hilsen\nFeeBridge\n")
            .ToString();
    }

    private static string Days(int days) => days == 1 ? "1 dag" : string.Create(CultureInfo.InvariantCulture, $"{days} dage");

    /// <summary>E.g. <c>22. januar 2027</c>.</summary>
    public static string DanishDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day}. {Months[date.Month - 1]} {date.Year}");
}
