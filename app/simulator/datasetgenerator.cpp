#include "datasetgenerator.h"

#include "simulatorformat.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using Kind = MessageFactory::Kind;

namespace {

// Enough room after a conversation's start for its messages and the bot's reply,
// so that no inbound message lands after the reference time.
constexpr int conversationSlackSeconds = 3 * 3600;

QJsonObject statusUpdate(const QString &messageId, const QString &recipientDigits,
                         const QString &state, const QDateTime &time,
                         const QString &details = {})
{
    static const QStringList failureStates{u"failed"_s, u"no_opt_in"_s, u"no_capability"_s,
                                           u"deleted"_s};

    QJsonObject update{{u"status"_s, failureStates.contains(state) ? u"failure"_s : u"success"_s},
                       {u"state"_s, state},
                       {u"message_id"_s, messageId},
                       {u"recipient"_s, u"+"_s + recipientDigits}};
    if (time.isValid())
        update.insert(u"timestamp"_s, SimulatorFormat::formatUtc(time, time.time().msec() != 0));
    if (!details.isEmpty())
        update.insert(u"details"_s, details);
    return update;
}

} // namespace

DataSetGenerator::DataSetGenerator(const SimulatedDataSet::Options &options)
    : m_options(options)
    , m_random(options.seed)
{
    if (!m_options.referenceTime.isValid())
        m_options.referenceTime = QDateTime::currentDateTimeUtc();
    m_options.referenceTime = m_options.referenceTime.toUTC();
    m_options.dayCount = qMax(1, m_options.dayCount);
    m_options.senderCount = qMax(1, m_options.senderCount);
    m_firstTime = m_options.referenceTime.addDays(-m_options.dayCount);
}

SimulatedDataSet DataSetGenerator::generate()
{
    setUpSenders();
    addCampaignMessages();

    const QList<PlannedOpening> openings = plannedOpenings();
    for (int conversation = 0; m_inbound.size() < m_options.inboundCount; ++conversation) {
        const PlannedOpening *opening =
            conversation < openings.size() ? &openings.at(conversation) : nullptr;
        addConversation(conversation, opening);
    }

    m_dataSet.addNotifications(m_inbound);
    return m_dataSet;
}

void DataSetGenerator::setUpSenders()
{
    const QList<Sender> known{
        {u"46700000101"_s, u"Ada Lindqvist"_s},
        {u"46700000102"_s, QString()},
        {u"201000000103"_s, u"ليلى حداد"_s},
        {u"972500000104"_s, u"נועה כהן"_s},
        {u"919800000105"_s, u"Priya Natarajan"_s},
        {u"5511900000106"_s, u"João Silva"_s},
        {u"46700000107"_s, u"Lina 🌸"_s},
        {u"48500000108"_s, QString()},
        {u"905300000109"_s, u"Mehmet Yılmaz"_s},
        {u"4915100000110"_s, QString()},
        {u"447700000111"_s, u"Oliver O'Brien"_s},
        {u"12025550112"_s, QString()},
    };

    for (int i = 0; i < m_options.senderCount; ++i) {
        if (i < known.size())
            m_senders.append(known.at(i));
        else
            m_senders.append(Sender{u"4670001%1"_s.arg(i, 4, 10, QChar(u'0')), QString()});
    }
}

QList<DataSetGenerator::PlannedOpening> DataSetGenerator::plannedOpenings()
{
    PlannedOpening referral{Kind::PlainText, 4};
    referral.referral = true;
    referral.frequentlyForwarded = true;
    PlannedOpening forwardedImage{Kind::Image, 1};
    forwardedImage.forwarded = true;
    PlannedOpening error{Kind::Error, 7};
    error.replyWithoutMessageId = true;

    return {{Kind::FormattedText, 0},
            {Kind::EmojiText, 6},
            {Kind::ArabicText, 2},
            {Kind::HebrewText, 3},
            {Kind::MixedDirectionText, 2},
            {Kind::LongText, 8},
            referral,
            {Kind::Location, 0},
            forwardedImage,
            {Kind::Video, 5},
            {Kind::Audio, 9},
            {Kind::Voice, 7},
            {Kind::Document, 1},
            {Kind::Sticker, 6},
            {Kind::Contacts, 10},
            {Kind::Button, 4},
            {Kind::InteractiveButton, 5},
            {Kind::InteractiveList, 5},
            {Kind::GroupEvent, 11},
            error,
            {Kind::Reaction, 0}};
}

// Template messages that get no reply, one for each way a message can end badly,
// so that every failure state appears whatever the inbound count.
void DataSetGenerator::addCampaignMessages()
{
    const QList<Outcome> outcomes{Outcome::Failed, Outcome::NoOptIn, Outcome::NoCapability,
                                  Outcome::Expired, Outcome::FailedThenLateSent,
                                  Outcome::Delivered};
    const qint64 spanSeconds = m_firstTime.secsTo(m_options.referenceTime);
    for (int i = 0; i < outcomes.size(); ++i) {
        const QDateTime sentAt = m_firstTime.addSecs(spanSeconds * (i + 1) / (outcomes.size() + 2));
        const QString recipient = outcomes.at(i) == Outcome::NoCapability
            ? u"4670000%1"_s.arg(9000 + i)
            : m_senders.at(i % m_senders.size()).digits;
        addOutboundMessage(recipient, sentAt, outcomes.at(i));
    }
}

void DataSetGenerator::addConversation(int conversationIndex, const PlannedOpening *opening)
{
    const int senderIndex = opening ? opening->senderIndex % m_senders.size()
        : conversationIndex < m_senders.size() ? conversationIndex
                                               : int(m_random.bounded(m_senders.size()));
    const Sender &sender = m_senders.at(senderIndex);
    QDateTime time = randomConversationStart();

    const int remaining = m_options.inboundCount - int(m_inbound.size());
    const int messageCount = qMin(remaining, 1 + int(m_random.bounded(5)));
    const Kind firstKind = opening ? opening->kind : randomKind(true);

    // The bot starts the conversation when the first message replies to it, and in
    // about half of the others.
    const bool botOpens = MessageFactory::repliesToBotMessage(firstKind) || firstKind == Kind::Reaction
        || m_random.bounded(2) == 0;
    QString botMessageId;
    if (botOpens) {
        const QDateTime sentAt = time.addSecs(-(90 + int(m_random.bounded(1700))));
        botMessageId = addOutboundMessage(sender.digits, sentAt, nextReachedOutcome());
    }

    int callbackId = 0;
    int callbackSize = 0;
    for (int i = 0; i < messageCount; ++i) {
        time = time.addSecs(5 + m_random.bounded(235));
        if (m_inbound.size() % 3 == 0)
            time = time.addMSecs(1 + m_random.bounded(999));

        const Kind kind = i == 0 ? firstKind : randomKind(false);
        QJsonObject notification =
            buildNotification(sender, kind, time, i == 0 ? botMessageId : QString());

        if (i == 0 && opening) {
            if (opening->forwarded)
                notification.insert(u"forwarded"_s, true);
            if (opening->frequentlyForwarded)
                notification.insert(u"frequently_forwarded"_s, true);
            if (opening->replyWithoutMessageId)
                notification.insert(u"replying_to"_s, QJsonObject{{u"from"_s, m_options.botId}});
            if (opening->referral) {
                notification.insert(u"referral"_s,
                    QJsonObject{{u"headline"_s, u"Winter sale"_s},
                                {u"body"_s, u"Half price on all boots"_s},
                                {u"source_type"_s, u"ad"_s},
                                {u"source_id"_s, u"1234567890"_s},
                                {u"source_url"_s, u"https://ads.example.invalid/1234567890"_s},
                                {u"referral_media"_s,
                                 QJsonObject{{u"type"_s, u"image"_s},
                                             {u"url"_s, u"https://ads.example.invalid/1234567890.jpg"_s}}}});
            }
        }

        // Messages sent close together sometimes arrive in one Callback.
        if (callbackId == 0 || callbackSize >= 3 || m_random.bounded(3) != 0) {
            callbackId = m_dataSet.nextCallbackId();
            callbackSize = 0;
        }
        ++callbackSize;

        SimulatedDataSet::InboundNotification inbound;
        inbound.json = notification;
        inbound.timestamp = time;
        inbound.senderDigits = sender.digits;
        inbound.callbackId = callbackId;
        if (MessageFactory::carriesContact(kind)) {
            inbound.contact.insert(u"wa_id"_s, sender.digits);
            if (!sender.profileName.isEmpty())
                inbound.contact.insert(u"profile"_s, QJsonObject{{u"name"_s, sender.profileName}});
        }
        m_inbound.append(inbound);
    }

    // Some conversations end with a message of the bot that gets no reply.
    if (!botOpens && m_random.bounded(3) == 0)
        addOutboundMessage(sender.digits, time.addSecs(30 + m_random.bounded(600)), nextReachedOutcome());
}

QJsonObject DataSetGenerator::buildNotification(const Sender &sender, Kind kind,
                                                const QDateTime &time,
                                                const QString &botMessageId)
{
    const QString messageId = inboundId(int(m_inbound.size()) + 1);

    MessageFactory::Context context;
    context.variant = int(m_random.bounded(1000));
    context.messageId = messageId;
    context.relatedMessageId = botMessageId;
    context.memberDigits = m_senders.at(int(m_inbound.size()) % m_senders.size()).digits;

    QJsonObject notification{{u"from"_s, sender.digits},
                             {u"to"_s, m_options.botId},
                             {u"message_id"_s, messageId},
                             {u"message"_s, MessageFactory::message(kind, context)},
                             {u"timestamp"_s, SimulatorFormat::formatUtc(time, time.time().msec() != 0)}};

    // A reaction names its message inside the content, so it carries no replying_to.
    if (!botMessageId.isEmpty() && kind != Kind::Reaction) {
        notification.insert(u"replying_to"_s, QJsonObject{{u"from"_s, m_options.botId},
                                                          {u"message_id"_s, botMessageId}});
    }
    if (kind == Kind::Image && m_random.bounded(8) == 0)
        notification.insert(u"forwarded"_s, true);
    return notification;
}

Kind DataSetGenerator::randomKind(bool allowReplies)
{
    struct Weighted
    {
        Kind kind;
        int weight;
    };
    static const QList<Weighted> table{
        {Kind::PlainText, 50}, {Kind::FormattedText, 4}, {Kind::EmojiText, 6},
        {Kind::Image, 8},      {Kind::Voice, 6},         {Kind::Location, 3},
        {Kind::Document, 3},   {Kind::Sticker, 4},       {Kind::Video, 2},
        {Kind::Audio, 1},      {Kind::Contacts, 1},      {Kind::Button, 4},
        {Kind::InteractiveButton, 2}, {Kind::InteractiveList, 2}, {Kind::Reaction, 2},
        {Kind::Error, 1},
    };
    int total = 0;
    for (const Weighted &entry : table)
        total += entry.weight;

    int roll = int(m_random.bounded(total));
    for (const Weighted &entry : table) {
        roll -= entry.weight;
        if (roll >= 0)
            continue;
        // Replies to the bot and reactions need a bot message, which only the first message has.
        if (!allowReplies && (MessageFactory::repliesToBotMessage(entry.kind) || entry.kind == Kind::Reaction))
            return Kind::PlainText;
        return entry.kind;
    }
    return Kind::PlainText;
}

QDateTime DataSetGenerator::randomConversationStart()
{
    const qint64 span = m_firstTime.secsTo(m_options.referenceTime) - conversationSlackSeconds;
    // The first hour stays free for the bot's opening message and its status updates.
    const qint64 offset = 3600 + qint64(m_random.bounded(quint64(qMax<qint64>(1, span - 3600))));
    return m_firstTime.addSecs(offset);
}

QString DataSetGenerator::addOutboundMessage(const QString &recipientDigits,
                                             const QDateTime &sentAt, Outcome outcome)
{
    ++m_outboundCount;
    SimulatedDataSet::StatusHistory history;
    history.messageId = outboundId(m_outboundCount);
    history.callbacks = statusCallbacks(history.messageId, recipientDigits, sentAt, outcome);
    m_dataSet.addStatusHistory(history);
    return history.messageId;
}

// Outcomes of messages that reach the user, so the user can reply to them: mostly
// read, some out of order, one without a timestamp, and some only delivered
// because the user turned read receipts off.
DataSetGenerator::Outcome DataSetGenerator::nextReachedOutcome()
{
    const int index = m_reachedOutboundCount++;
    if (index == 4)
        return Outcome::ReadWithoutTimestamp;
    if (index % 5 == 2)
        return Outcome::ReadOutOfOrder;
    if (index % 7 == 6)
        return Outcome::Delivered;
    return Outcome::Read;
}

QList<QList<QJsonObject>> DataSetGenerator::statusCallbacks(const QString &messageId,
                                                            const QString &recipientDigits,
                                                            const QDateTime &sentAt,
                                                            Outcome outcome)
{
    const QDateTime queued = sentAt;
    const QDateTime dispatched = queued.addMSecs(200 + m_random.bounded(600));
    const QDateTime sent = dispatched.addSecs(1 + m_random.bounded(2));
    const QDateTime delivered = sent.addSecs(1 + m_random.bounded(19)).addMSecs(m_random.bounded(1000));
    const QDateTime read = delivered.addSecs(5 + m_random.bounded(45));

    const auto update = [&](const QString &state, const QDateTime &time, const QString &details = {}) {
        return statusUpdate(messageId, recipientDigits, state, time, details);
    };

    switch (outcome) {
    case Outcome::Read:
        return {{update(u"queued"_s, queued)}, {update(u"dispatched"_s, dispatched)},
                {update(u"sent"_s, sent)},     {update(u"delivered"_s, delivered)},
                {update(u"read"_s, read)}};
    case Outcome::ReadOutOfOrder:
        return {{update(u"dispatched"_s, dispatched)},
                {update(u"read"_s, read), update(u"delivered"_s, delivered)},
                {update(u"sent"_s, sent)},
                {update(u"delivered"_s, delivered)},
                {update(u"queued"_s, queued)}};
    case Outcome::ReadWithoutTimestamp:
        return {{update(u"queued"_s, queued)}, {update(u"dispatched"_s, QDateTime())},
                {update(u"sent"_s, sent)},     {update(u"delivered"_s, delivered)},
                {update(u"read"_s, read)}};
    case Outcome::Delivered:
        return {{update(u"queued"_s, queued)}, {update(u"dispatched"_s, dispatched)},
                {update(u"sent"_s, sent)},     {update(u"delivered"_s, delivered)}};
    case Outcome::Failed:
        return {{update(u"queued"_s, queued)}, {update(u"dispatched"_s, dispatched)},
                {update(u"failed"_s, sent,
                        u"Message template parameter count does not match the template"_s)}};
    case Outcome::NoOptIn:
        return {{update(u"queued"_s, queued)},
                {update(u"no_opt_in"_s, dispatched,
                        u"The recipient has not opted in to messages from this bot"_s)}};
    case Outcome::NoCapability:
        return {{update(u"queued"_s, queued)},
                {update(u"no_capability"_s, dispatched,
                        u"The recipient's number is not registered on WhatsApp"_s)}};
    case Outcome::Expired:
        return {{update(u"queued"_s, queued)}, {update(u"dispatched"_s, dispatched)},
                {update(u"sent"_s, sent)},
                {update(u"deleted"_s, sent.addDays(1),
                        u"The message expired before it could be delivered"_s)}};
    case Outcome::FailedThenLateSent:
        // The failure arrives first; a sent from before it and a delivered after it
        // (twice) arrive late, so the history is out of order, repeated, and has a
        // success after a terminal state.
        return {{update(u"queued"_s, queued)}, {update(u"dispatched"_s, dispatched)},
                {update(u"failed"_s, sent, u"Media download failed: the URL returned 404"_s)},
                {update(u"sent"_s, sent.addSecs(-1))},
                {update(u"delivered"_s, sent.addSecs(4))},
                {update(u"delivered"_s, sent.addSecs(4))}};
    }
    Q_UNREACHABLE();
    return {};
}

QString DataSetGenerator::inboundId(int number) const
{
    return u"01SIM%1IN%2"_s.arg(m_options.seed % 1000, 3, 10, QChar(u'0')).arg(number, 16, 10, QChar(u'0'));
}

QString DataSetGenerator::outboundId(int number) const
{
    return u"01SIM%1OUT%2"_s.arg(m_options.seed % 1000, 3, 10, QChar(u'0')).arg(number, 15, 10, QChar(u'0'));
}
