package dev.herald.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A user of the demo application: a unique name and a generated id. */
@Entity
@Table(name = "HERALD_USER")
public class User {

    /** The longest name a user may have. */
    public static final int MAX_NAME_LENGTH = 64;

    // A sequence, not IDENTITY: EclipseLink 5 writes IDENTITY columns in a syntax the embedded H2 2.x rejects.
    @Id
    @SequenceGenerator(name = "HERALD_USER_SEQ", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "HERALD_USER_SEQ")
    private Long id;

    @Column(nullable = false, unique = true, length = MAX_NAME_LENGTH)
    private String name;

    /** For JPA. */
    protected User() {
    }

    /** @param name the user's unique name */
    public User(String name) {
        this.name = name;
    }

    /** @return the generated id, or {@code null} before the user is persisted */
    public Long getId() {
        return id;
    }

    /** @return the user's unique name */
    public String getName() {
        return name;
    }
}
