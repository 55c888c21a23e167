import { Migration } from '@mikro-orm/migrations';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const LEVELS = inList(['FOUNDATION', 'PRACTITIONER', 'EXPERT']);
const REGIONS = inList(['EAST_OF_ENGLAND', 'LONDON', 'MIDLANDS', 'NORTH_EAST_AND_YORKSHIRE', 'NORTH_WEST', 'SOUTH_EAST', 'SOUTH_WEST', 'SCOTLAND', 'WALES', 'NORTHERN_IRELAND']);

/**
 * The national CSO register and mentorship. These tables hold personal data that registrants chose to give: they
 * sit outside the content tables, and every child row is deleted with its entry (erasure deletes the entry and
 * leaves only the audit log's record, which holds no personal data).
 */
export class Migration20261123000910_cso_register extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table cso_register_entry (
      id serial primary key,
      owner_key_id int not null references api_key (id),
      display_name varchar(200) not null,
      registration_body text not null check (registration_body in (${inList(['GMC', 'NMC', 'HCPC', 'GPHC', 'GDC', 'GOC', 'GOSC', 'GCC', 'PSNI', 'SWE', 'OTHER'])})),
      registration_number varchar(20) not null,
      organisation_type text not null check (organisation_type in (${inList([
        'ACUTE_TRUST', 'MENTAL_HEALTH_TRUST', 'COMMUNITY_PROVIDER', 'AMBULANCE_SERVICE', 'INTEGRATED_CARE_BOARD', 'PRIMARY_CARE', 'SOCIAL_CARE', 'MANUFACTURER',
        'CONSULTANCY', 'NATIONAL_BODY', 'OTHER',
      ])})),
      region text not null check (region in (${REGIONS})),
      icb varchar(120) null,
      standards text[] not null default '{}',
      years_as_cso int not null check (years_as_cso between 0 and 60),
      training_completed text[] not null default '{}',
      other_training text[] not null default '{}',
      public_fields text[] not null default '{}',
      verified boolean not null default false,
      verified_at timestamptz null,
      audit_salt varchar(64) not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint cso_register_entry_owner_key_id_unique unique (owner_key_id)
    );`);
    this.addSql(`create index cso_register_entry_region_index on cso_register_entry (region) where verified;`);
    this.addSql(`create index cso_register_entry_standards_index on cso_register_entry using gin (standards);`);

    this.addSql(`create table cso_register_competency (
      id serial primary key,
      entry_id int not null references cso_register_entry (id) on delete cascade,
      competency varchar(120) not null,
      level text not null check (level in (${LEVELS})),
      constraint cso_register_competency_entry_competency_unique unique (entry_id, competency)
    );`);
    this.addSql(`create index cso_register_competency_competency_index on cso_register_competency (competency, level);`);

    this.addSql(`create table mentor_offer (
      entry_id int primary key references cso_register_entry (id) on delete cascade,
      capacity int not null check (capacity between 1 and 20),
      places_taken int not null default 0,
      competencies text[] not null default '{}',
      regions text[] not null default '{}',
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint mentor_offer_places_within_capacity check (places_taken between 0 and capacity)
    );`);

    this.addSql(`create table mentoring_request (
      id serial primary key,
      mentee_key_id int not null references api_key (id),
      mentee_entry_id int not null references cso_register_entry (id) on delete cascade,
      goals text not null,
      gaps jsonb not null,
      region text not null check (region in (${REGIONS})),
      icb varchar(120) null,
      status text not null check (status in ('OPEN', 'PAIRED', 'CLOSED')),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);
    this.addSql(`create index mentoring_request_mentee_entry_id_index on mentoring_request (mentee_entry_id);`);

    this.addSql(`create table mentorship_pairing (
      id serial primary key,
      request_id int not null references mentoring_request (id) on delete cascade,
      mentor_entry_id int not null references cso_register_entry (id) on delete cascade,
      status text not null check (status in ('PROPOSED', 'ACTIVE', 'DECLINED', 'ENDED')),
      mentor_accepted_at timestamptz null,
      mentee_accepted_at timestamptz null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint mentorship_pairing_request_mentor_unique unique (request_id, mentor_entry_id)
    );`);
    this.addSql(`create index mentorship_pairing_mentor_entry_id_index on mentorship_pairing (mentor_entry_id);`);
    // A request is met by one mentor at a time.
    this.addSql(`create unique index mentorship_pairing_one_active_per_request on mentorship_pairing (request_id) where status = 'ACTIVE';`);
  }
}
