#pragma once

#include "messagefactory.h"
#include "simulateddataset.h"

#include <QRandomGenerator>

// Generates the conversations of a SimulatedDataSet: inbound messages from a
// dozen senders spread over several days, and the status histories of the bot's
// outbound messages that the inbound ones reply to.
class DataSetGenerator
{
public:
    explicit DataSetGenerator(const SimulatedDataSet::Options &options);

    SimulatedDataSet generate();

private:
    struct Sender
    {
        QString digits;
        QString profileName; // empty for a sender without a profile
    };

    // A conversation that must appear so that every message type and flag is covered.
    struct PlannedOpening
    {
        MessageFactory::Kind kind;
        int senderIndex = 0;
        bool forwarded = false;
        bool frequentlyForwarded = false;
        bool referral = false;
        bool replyWithoutMessageId = false;
    };

    enum class Outcome {
        Read,
        ReadOutOfOrder,
        ReadWithoutTimestamp,
        Delivered,
        Failed,
        NoOptIn,
        NoCapability,
        Expired,
        FailedThenLateSent,
    };

    void setUpSenders();
    static QList<PlannedOpening> plannedOpenings();
    void addCampaignMessages();
    void addConversation(int conversationIndex, const PlannedOpening *opening);
    QJsonObject buildNotification(const Sender &sender, MessageFactory::Kind kind,
                                  const QDateTime &time, const QString &botMessageId);
    MessageFactory::Kind randomKind(bool allowReplies);
    QDateTime randomConversationStart();

    QString addOutboundMessage(const QString &recipientDigits, const QDateTime &sentAt,
                               Outcome outcome);
    Outcome nextReachedOutcome();
    QList<QList<QJsonObject>> statusCallbacks(const QString &messageId,
                                              const QString &recipientDigits,
                                              const QDateTime &sentAt, Outcome outcome);

    QString inboundId(int number) const;
    QString outboundId(int number) const;

    SimulatedDataSet::Options m_options;
    QRandomGenerator m_random;
    QDateTime m_firstTime;
    QList<Sender> m_senders;
    SimulatedDataSet m_dataSet;
    QList<SimulatedDataSet::InboundNotification> m_inbound;
    int m_outboundCount = 0;
    int m_reachedOutboundCount = 0;
};
