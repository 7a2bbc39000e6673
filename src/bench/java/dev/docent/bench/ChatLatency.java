package dev.docent.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Time to first token against concurrency with a zero-latency provider, then many concurrent streaming chats against
 * a provider that streams at a human reading pace; memory before and under load.
 */
final class ChatLatency {

    private static final Logger LOG = Logger.getLogger(ChatLatency.class);

    /** Concurrency levels, answers per user at each, and the paced run (users, tokens per second, answers each). */
    record Options(
            List<Integer> users,
            int answersPerUser,
            int pacedUsers,
            double pacedTokensPerSecond,
            int pacedEach,
            int pacedAnswerRepeats) {}

    private final ChatLoad load;
    private final StubLlmServer stub;

    ChatLatency(int port, Supplier<String> token, StubLlmServer stub) {
        this.load = new ChatLoad(port, token);
        this.stub = stub;
    }

    Map<String, Object> run(List<String> questions, Options options) throws InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        System.gc();
        out.put("rssMiBIdle", Machine.rssMiB());
        stub.pace(0);
        load.run(Math.min(4, options.users().getLast()), 2, questions); // warm-up, not reported
        List<Map<String, Object>> levels = new ArrayList<>();
        for (int users : options.users()) {
            ChatLoad.Result result = load.run(users, options.answersPerUser(), questions);
            levels.add(result.toMap(0));
            LOG.infof("%d users: %s", users, levels.getLast());
        }
        out.put("zeroLatencyStub", levels);
        if (options.pacedUsers() > 0) {
            stub.pace(options.pacedTokensPerSecond());
            stub.repeat(options.pacedAnswerRepeats());
            long before = stub.requests();
            // Users arrive over one answer's duration, so that all streams overlap once the last has started.
            ChatLoad.Result paced =
                    load.run(options.pacedUsers(), options.pacedEach(), questions, (long) stub.scheduledMs());
            Map<String, Object> m = paced.toMap(stub.scheduledMs());
            m.put("tokensPerSecond", options.pacedTokensPerSecond());
            m.put("answerTokens", stub.tokens().length);
            m.put("providerCalls", stub.requests() - before);
            out.put("pacedStub", m);
            LOG.infof("paced: %s", m);
            stub.pace(0);
            stub.repeat(1);
        }
        out.put("stubCallsTotal", stub.requests());
        return out;
    }
}
