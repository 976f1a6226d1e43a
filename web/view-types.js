// The view Session.view() returns, as JSDoc typedefs.
// Generated from engine/view.py by `testdrive schema --view --write`: do not edit.
// Use with /** @typedef {import('./view-types.js').View} View */ or in JSDoc comments.

/**
 * Everything a front end shows now. Treat it as read-only.
 * @typedef {Object} View
 * @property {2} format
 * @property {SimHeader} sim
 * @property {string} lang
 * @property {Array<string>} languages
 * @property {("scene"|"activity"|"feedback"|"ending")} phase
 * @property {string} scene
 * @property {number} step
 * @property {(Speaker|null)} speaker
 * @property {(string|null)} background
 * @property {(string|null)} sound
 * @property {string} text
 * @property {Array<string>} notices
 * @property {Array<Meter>} meters
 * @property {(Clock|null)} clock
 * @property {Array<ChoiceView>} choices
 * @property {boolean} continue
 * @property {(OrderActivity|NumericActivity|MultiActivity|MatchActivity|HotspotActivity|AllocateActivity|ModelActivity|null)} activity
 * @property {(ChoiceFeedback|ActivityFeedback|null)} feedback
 * @property {(EndingView|null)} ending
 */

/**
 * Which simulation this is.
 * @typedef {Object} SimHeader
 * @property {string} id
 * @property {string} version
 * @property {string} title
 * @property {("healthcare"|"engineering"|"manufacturing"|"other")} field
 * @property {string} career
 */

/**
 * The character speaking in this scene.
 * @typedef {Object} Speaker
 * @property {string} id
 * @property {string} name
 * @property {string} role
 * @property {(string|null)} portrait
 */

/**
 * A variable the student sees as a bar (meter) or a number (counter).
 * @typedef {Object} Meter
 * @property {string} id
 * @property {string} label
 * @property {(number|boolean)} value
 * @property {(number|null)} min
 * @property {(number|null)} max
 * @property {("meter"|"counter")} show
 * @property {("high"|"low")} good
 */

/**
 * The in-story clock: minutes since the start and, with a limit, minutes left.
 * @typedef {Object} Clock
 * @property {string} time
 * @property {number} elapsed
 * @property {(number|null)} limit
 * @property {(number|null)} left
 */

/**
 * A choice of the current scene; a locked one says why in `locked`.
 * @typedef {Object} ChoiceView
 * @property {string} id
 * @property {string} text
 * @property {boolean} enabled
 * @property {(string|null)} locked
 */

/**
 * Put items in order (order: scored by pairs; sequence: by places). Items are shuffled.
 * @typedef {Object} OrderActivity
 * @property {("order"|"sequence")} kind
 * @property {string} prompt
 * @property {string} scene
 * @property {Array<Entry>} items
 * @property {Retry} [retry]
 */

/**
 * An entry the student orders, picks or pairs (an activity's items, a match's matches).
 * @typedef {Object} Entry
 * @property {string} id
 * @property {string} text
 */

/**
 * The try before this one was not right and tries are left (the activity's `attempts`): how it went, what the wrong answer means (diagnosis, or ""), and the next hint (or "").
 * @typedef {Object} Retry
 * @property {number} tried
 * @property {number} attempts
 * @property {("correct"|"partial"|"wrong")} outcome
 * @property {number} score
 * @property {(Array<string>|number|Object<string, string>|Object<string, number>|Object<string, (number|string)>)} answer
 * @property {string} feedback
 * @property {string} diagnosis
 * @property {string} hint
 */

/**
 * Type a number.
 * @typedef {Object} NumericActivity
 * @property {"numeric"} kind
 * @property {string} prompt
 * @property {string} scene
 * @property {string} unit
 * @property {number} decimals
 * @property {Retry} [retry]
 */

/**
 * Pick every right option.
 * @typedef {Object} MultiActivity
 * @property {"multi"} kind
 * @property {string} prompt
 * @property {string} scene
 * @property {Array<Entry>} items
 * @property {Retry} [retry]
 */

/**
 * Pair each item with one of the matches; the matches are shuffled.
 * @typedef {Object} MatchActivity
 * @property {"match"} kind
 * @property {string} prompt
 * @property {string} scene
 * @property {Array<Entry>} items
 * @property {Array<Entry>} matches
 * @property {Retry} [retry]
 */

/**
 * Pick the right places on an image.
 * @typedef {Object} HotspotActivity
 * @property {"hotspot"} kind
 * @property {string} prompt
 * @property {string} scene
 * @property {string} image
 * @property {number} width
 * @property {number} height
 * @property {Array<SpotView>} items
 * @property {Retry} [retry]
 */

/**
 * A place to pick on a hotspot image, in the image's pixels; `text` is its name.
 * @typedef {Object} SpotView
 * @property {string} id
 * @property {string} text
 * @property {number} x
 * @property {number} y
 * @property {number} w
 * @property {number} h
 */

/**
 * Spend a budget on items so the totals reach the goals.
 * @typedef {Object} AllocateActivity
 * @property {"allocate"} kind
 * @property {string} prompt
 * @property {string} scene
 * @property {number} budget
 * @property {string} unit
 * @property {Array<BudgetLineView>} items
 * @property {Array<GoalView>} goals
 * @property {Retry} [retry]
 */

/**
 * Something to buy in an allocate activity: its cost and how many at most.
 * @typedef {Object} BudgetLineView
 * @property {string} id
 * @property {string} text
 * @property {number} cost
 * @property {number} max
 */

/**
 * A total an allocate answer should reach.
 * @typedef {Object} GoalView
 * @property {string} attr
 * @property {number} min
 * @property {string} label
 */

/**
 * Turn a live model's knobs to reach a goal; `live` is the model at the inputs' start.
 * @typedef {Object} ModelActivity
 * @property {"model"} kind
 * @property {string} prompt
 * @property {string} scene
 * @property {Array<ModelInput>} inputs
 * @property {Array<ModelOutput>} outputs
 * @property {Array<ModelDisplay>} displays
 * @property {string} goal
 * @property {ModelLive} live
 * @property {Retry} [retry]
 */

/**
 * A knob of a live model: min, max and step (options: indexes 0 to n-1).
 * @typedef {Object} ModelInput
 * @property {string} id
 * @property {string} label
 * @property {("slider"|"stepper"|"number"|"options")} control
 * @property {string} unit
 * @property {number} decimals
 * @property {(number|string)} start
 * @property {number} min
 * @property {number} max
 * @property {number} step
 * @property {Array<ModelOption>} options
 */

/**
 * A named option of a model input.
 * @typedef {Object} ModelOption
 * @property {string} id
 * @property {string} text
 * @property {number} value
 */

/**
 * A number a live model computes.
 * @typedef {Object} ModelOutput
 * @property {string} id
 * @property {string} label
 * @property {string} unit
 * @property {number} decimals
 */

/**
 * How outputs are shown: gauge and bar have min and max, scene has width and height, control (a control chart) says what was measured and its unit.
 * @typedef {Object} ModelDisplay
 * @property {("gauge"|"bar"|"readout"|"chart"|"control"|"scene")} type
 * @property {(string|null)} output
 * @property {(string|null)} input
 * @property {number} [min]
 * @property {number} [max]
 * @property {number} [width]
 * @property {number} [height]
 * @property {string} [label]
 * @property {string} [unit]
 */

/**
 * A live model computed for some inputs (Session.preview returns the same).
 * @typedef {Object} ModelLive
 * @property {Object<string, (number|string)>} inputs
 * @property {Array<OutputValue>} outputs
 * @property {ModelGoalState} goal
 * @property {Array<LiveDisplay>} displays
 */

/**
 * An output's value and its text in the student's language.
 * @typedef {Object} OutputValue
 * @property {string} id
 * @property {number} value
 * @property {string} text
 */

/**
 * How the inputs shown would be graded ("hidden", score 0, where the author keeps that for the check).
 * @typedef {Object} ModelGoalState
 * @property {("met"|"partly"|"not_met"|"hidden")} state
 * @property {number} score
 */

/**
 * One display's state: value/text (gauge, bar, readout), fraction/zone (gauge, bar), points (chart, control), centre and limits (control), alt/shapes (scene).
 * @typedef {Object} LiveDisplay
 * @property {("gauge"|"bar"|"readout"|"chart"|"control"|"scene")} type
 * @property {number} [value]
 * @property {string} [text]
 * @property {number} [fraction]
 * @property {("good"|"bad"|"none")} [zone]
 * @property {Array<ChartPoint>} [points]
 * @property {number} [current]
 * @property {number} [y_min]
 * @property {number} [y_max]
 * @property {number} [count]
 * @property {(number|null)} [first_out]
 * @property {number} [centre]
 * @property {number} [lower]
 * @property {number} [upper]
 * @property {string} [centre_text]
 * @property {string} [lower_text]
 * @property {string} [upper_text]
 * @property {string} [alt]
 * @property {Array<Shape>} [shapes]
 */

/**
 * A point of a chart (and a row of its data table); a control chart's points say whether they are outside the control limits.
 * @typedef {Object} ChartPoint
 * @property {number} x
 * @property {number} y
 * @property {string} x_text
 * @property {string} y_text
 * @property {boolean} [out]
 */

/**
 * A shape of a model's drawing, positioned by the engine.
 * @typedef {Object} Shape
 * @property {("rect"|"circle"|"line"|"text")} shape
 * @property {number} [x]
 * @property {number} [y]
 * @property {number} [w]
 * @property {number} [h]
 * @property {number} [r]
 * @property {number} [x2]
 * @property {number} [y2]
 * @property {number} [rotate]
 * @property {number} [spin]
 * @property {(string|null)} fill
 * @property {(string|null)} stroke
 * @property {string} [text]
 */

/**
 * What a choice with feedback says before the story goes on.
 * @typedef {Object} ChoiceFeedback
 * @property {"choice"} kind
 * @property {null} outcome
 * @property {null} score
 * @property {string} text
 * @property {string} explain
 * @property {null} correct
 * @property {string} choice
 * @property {Array<SourceView>} sources
 */

/**
 * A public source the feedback cites.
 * @typedef {Object} SourceView
 * @property {string} id
 * @property {string} title
 * @property {string} url
 */

/**
 * How an activity answer went, with the right answer.
 * @typedef {Object} ActivityFeedback
 * @property {("order"|"sequence"|"numeric"|"multi"|"match"|"hotspot"|"allocate"|"model")} kind
 * @property {("correct"|"partial"|"wrong")} outcome
 * @property {number} score
 * @property {string} text
 * @property {string} explain
 * @property {RightAnswer} correct
 * @property {(Array<string>|number|Object<string, string>|Object<string, number>|Object<string, (number|string)>)} answer
 * @property {Array<SourceView>} sources
 * @property {("correct"|"partial"|"wrong")} [first_outcome]
 * @property {number} [tries]
 */

/**
 * The right answer in the shape the student sent (null for allocate), and one line of text per part, ready to read aloud.
 * @typedef {Object} RightAnswer
 * @property {(Array<string>|number|Object<string, string>|Object<string, number>|Object<string, (number|string)>|null)} answer
 * @property {Array<string>} display
 */

/**
 * The ending reached, its debrief, the career facts and the result to hand in.
 * @typedef {Object} EndingView
 * @property {string} id
 * @property {string} title
 * @property {number} rating
 * @property {number} max_rating
 * @property {string} text
 * @property {Debrief} debrief
 * @property {(CareerView|null)} career
 * @property {Array<(SkillUsed|SkillCount)>} skills
 * @property {Array<EnjoyStatement>} enjoy
 * @property {Result} result
 * @property {string} result_code
 */

/**
 * What went well, what to try next, what a professional would do, and questions.
 * @typedef {Object} Debrief
 * @property {Array<string>} went_well
 * @property {Array<string>} try_next
 * @property {Array<string>} professional
 * @property {Array<string>} reflection
 */

/**
 * The career's catalogue entry (content/careers.yaml) in the chosen language.
 * @typedef {Object} CareerView
 * @property {string} id
 * @property {string} title
 * @property {string} field
 * @property {OnetView} onet
 * @property {string} cluster
 * @property {string} riasec
 * @property {string} description
 * @property {string} day
 * @property {WageView} wage
 * @property {string} education
 * @property {string} training
 * @property {Array<string>} certifications
 * @property {Array<string>} courses
 * @property {Array<RelatedCareer>} related
 * @property {string} attribution
 */

/**
 * @typedef {Object} OnetView
 * @property {string} code
 * @property {string} title
 */

/**
 * The median yearly wage, with its year, source and a display line.
 * @typedef {Object} WageView
 * @property {(number|null)} median_annual
 * @property {(number|null)} year
 * @property {string} soc
 * @property {string} source
 * @property {string} url
 * @property {string} display
 */

/**
 * @typedef {Object} RelatedCareer
 * @property {string} id
 * @property {string} title
 */

/**
 * A skill the student used well, from content/skills.yaml, and how many times.
 * @typedef {Object} SkillUsed
 * @property {string} id
 * @property {string} name
 * @property {string} description
 * @property {string} category
 * @property {string} category_name
 * @property {string} [part_of]
 * @property {number} count
 */

/**
 * A skill used well, by id only: the catalogue could not be read.
 * @typedef {Object} SkillCount
 * @property {string} id
 * @property {string} name
 * @property {number} count
 */

/**
 * A piece of the work just tried, for the student to rate 1-5 (skippable). The ratings are the front end's to keep (docs/view.md): they are not part of the session or its codes.
 * @typedef {Object} EnjoyStatement
 * @property {string} id
 * @property {("R"|"I"|"A"|"S"|"E"|"C")} area
 * @property {string} text
 */

/**
 * The summary teacher tools use. `skills` tallies `evidence`; `riasec` counts the kinds of work done and `chances` how often each was on offer.
 * @typedef {Object} Result
 * @property {string} sim
 * @property {string} version
 * @property {string} ending
 * @property {string} title
 * @property {number} rating
 * @property {number} max_rating
 * @property {Object<string, (number|boolean)>} variables
 * @property {Object<string, number>} skills
 * @property {Object<string, number>} riasec
 * @property {Array<Evidence>} evidence
 * @property {Object<string, number>} chances
 * @property {number} minutes
 * @property {number} steps
 * @property {Array<ActivityResult>} activities
 * @property {number} seed
 */

/**
 * One use of a skill that counted: a good choice, a right or a partly right answer.
 * @typedef {Object} Evidence
 * @property {string} skill
 * @property {string} scene
 * @property {("good"|"right"|"partly")} how
 */

/**
 * @typedef {Object} ActivityResult
 * @property {string} scene
 * @property {("order"|"sequence"|"numeric"|"multi"|"match"|"hotspot"|"allocate"|"model")} kind
 * @property {number} score
 * @property {("correct"|"partial"|"wrong")} outcome
 * @property {("correct"|"partial"|"wrong")} [first_outcome]
 * @property {number} [tries]
 */
