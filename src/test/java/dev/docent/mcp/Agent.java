package dev.docent.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.testing.Tokens;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An agent on Docent's MCP server: LangChain4j's MCP client (streamable HTTP) with a demo user's bearer token. */
final class Agent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A tool's answer as the agent reads it.
     *
     * @param json the structured result (null for a tool error)
     */
    record Reply(boolean isError, String text, JsonNode json) {}

    private final McpClient client;

    private Agent(McpClient client) {
        this.client = client;
    }

    /** Connects (MCP initialize) as {@code user}; null connects without a token. */
    static Agent as(String user, URL mcp) {
        Map<String, String> headers = user == null ? Map.of() : Map.of("Authorization", "Bearer " + Tokens.of(user));
        return withHeaders(headers, mcp);
    }

    static Agent withHeaders(Map<String, String> headers, URL mcp) {
        StreamableHttpMcpTransport transport = new StreamableHttpMcpTransport.Builder()
                .url(mcp.toString())
                .customHeaders(headers)
                .timeout(Duration.ofSeconds(60))
                .build();
        return new Agent(new DefaultMcpClient.Builder()
                .transport(transport)
                .clientName("docent-tests")
                .initializationTimeout(Duration.ofSeconds(30))
                .toolExecutionTimeout(Duration.ofSeconds(90))
                .build());
    }

    List<ToolSpecification> tools() {
        return client.listTools();
    }

    Reply call(String tool, Map<String, ?> arguments) {
        ToolExecutionResult result;
        try {
            result = client.executeTool(ToolExecutionRequest.builder()
                    .name(tool)
                    .arguments(JSON.writeValueAsString(arguments))
                    .build());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        } catch (ToolExecutionException e) {
            // LangChain4j's client turns a result with isError into this exception, the tool's text as its message.
            return new Reply(true, e.getMessage(), null);
        }
        String text = result.resultText();
        return new Reply(result.isError(), text, result.isError() ? null : parse(text));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("A tool result that is not JSON: " + text, e);
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
