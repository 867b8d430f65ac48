import Localization
import Room

/// `people[]`: a person who operates the room, and how the daemon knows
/// them: the role whose token they hold (`"token": "technician"`) and the
/// room PC's users that are theirs (`"users": ["binh"]`). The logbook and
/// the reports then name the person, not the socket.
public struct PersonSetup: Sendable, Equatable, Codable {
    public var person: Contact
    public var token: Role?
    public var users: [String]

    public init(person: Contact, token: Role? = nil, users: [String] = []) {
        self.person = person
        self.token = token
        self.users = users
    }

    /// Written as the room file has it: the person's fields beside `token` and `users`.
    private enum CodingKeys: String, CodingKey { case name, position, phone, token, users }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        person = Contact(name: try c.decode(String.self, forKey: .name), position: try c.decode(String.self, forKey: .position), phone: try c.decode(String.self, forKey: .phone))
        token = try c.decodeIfPresent(Role.self, forKey: .token)
        users = try c.decodeIfPresent([String].self, forKey: .users) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(person.name, forKey: .name)
        try c.encode(person.position, forKey: .position)
        try c.encode(person.phone, forKey: .phone)
        try c.encodeIfPresent(token, forKey: .token)
        try c.encode(users, forKey: .users)
    }

    init?(reading entry: FieldObject) {
        let person = Contact(reading: entry)
        let token = entry.field("token")?.choice(Role.self, noun: Message("a role"))
        let users = entry.field("users")?.list()?.compactMap { $0.text(.name) }
        guard let person else { return nil }
        self.init(person: person, token: token, users: users ?? [])
    }
}

extension Validation {
    /// A token or a user names one person: the logbook must not have to guess.
    func people(_ people: [(setup: PersonSetup, path: FieldPath)]?) {
        var tokens: [Role: String] = [:], users: [String: String] = [:]
        for (entry, path) in people ?? [] {
            if let token = entry.token {
                if let other = tokens[token] {
                    problems.add(path.appending("token"), Message("the {role} token is also {person}'s", ["role": token.rawValue, "person": Quoted.text(other)]),
                                 Message("give each token to one person"))
                } else {
                    tokens[token] = entry.person.name
                }
            }
            for (index, user) in entry.users.enumerated() {
                if let other = users[user] {
                    problems.add(path.appending("users").appending(index), Message("{user} is also {person}'s user", ["user": Quoted.text(user), "person": Quoted.text(other)]),
                                 Message("give each user to one person"))
                } else {
                    users[user] = entry.person.name
                }
            }
        }
    }
}
