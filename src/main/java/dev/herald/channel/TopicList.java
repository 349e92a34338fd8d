package dev.herald.channel;

import dev.herald.event.Names;
import dev.herald.registry.ConnectionRegistry;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** The {@code topics} query parameter of {@code /feed}: comma-separated topic names, such as {@code sports,news}. */
final class TopicList {

    /** The query parameter's name. */
    static final String QUERY_PARAMETER = "topics";

    private TopicList() {
    }

    /**
     * @param values the parameter's values (it may be given more than once); an empty value means no topics
     * @return the distinct topic names
     * @throws IllegalArgumentException when a name breaks the {@link Names} rule or there are more than
     *                                  {@value ConnectionRegistry#MAX_TOPICS_PER_CONNECTION}; the message says which
     */
    static Set<String> parse(Collection<String> values) {
        Set<String> topics = new TreeSet<>();
        for (String value : values) {
            if (value.isEmpty()) {
                continue;
            }
            for (String name : value.split(",", -1)) {
                if (!Names.isValid(name)) {
                    throw new IllegalArgumentException("each topic name must be " + Names.RULE
                            + ", separated by commas");
                }
                topics.add(name);
            }
        }
        if (topics.size() > ConnectionRegistry.MAX_TOPICS_PER_CONNECTION) {
            throw new IllegalArgumentException("at most " + ConnectionRegistry.MAX_TOPICS_PER_CONNECTION
                    + " topics per connection");
        }
        return topics;
    }
}
